/**
 * One value per server process under `name`, created on first use. Next bundles each page and
 * route handler separately, so a module-level variable would exist once per bundle; the value lives
 * on globalThis under `Symbol.for('parallax.web.<name>')` so every bundle (and a test that resets
 * it) finds the same one.
 */
export function processWide<T>(name: string, create: () => T): T {
  const holder = globalThis as Record<symbol, unknown>;
  const key = Symbol.for(`parallax.web.${name}`);
  if (!(key in holder)) holder[key] = create();
  return holder[key] as T;
}
