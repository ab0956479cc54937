import { createConfig } from '@parallax/eslint-config';

export default createConfig(import.meta.dirname);
