import { createConfig, dependencyRules } from '@parallax/eslint-config';

export default [...createConfig(import.meta.dirname), dependencyRules(['api', 'core'])];
