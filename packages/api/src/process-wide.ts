/**
 * One value per server process under `name`, created on first use. Every process-wide singleton
 * of the server (shared values, rate limiters, discovery's HTTP clients) is made here. Next bundles
 * each page and route handler separately, so a module-level variable would exist once per bundle;
 * the value lives on globalThis under `Symbol.for('parallax.web.<name>')` so every bundle (and a
 * test that resets it by that key) finds the same one. The database handle is the one exception:
 * `@parallax/db` keeps it the same way (`getSharedDb`), as the CLI installs it before Next boots.
 */
export function processWide<T>(name: string, create: () => T): T {
  const holder = globalThis as Record<symbol, unknown>;
  const key = Symbol.for(`parallax.web.${name}`);
  if (!(key in holder)) holder[key] = create();
  return holder[key] as T;
}
