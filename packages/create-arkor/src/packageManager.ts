export const PACKAGE_MANAGERS = ["npm", "pnpm", "yarn", "bun"] as const;
export type PackageManagerName = (typeof PACKAGE_MANAGERS)[number];

export function isPackageManager(name: string): name is PackageManagerName {
  return (PACKAGE_MANAGERS as readonly string[]).includes(name);
}

/**
 * The package manager that ran us: `npm create`, `pnpm create`, `yarn create`
 * and `bun create` each set `npm_config_user_agent` ("pnpm/10.34.8 npm/? node/v20.20.0 …"). npm otherwise.
 */
export function detectPackageManager(env: NodeJS.ProcessEnv): PackageManagerName {
  const name = env.npm_config_user_agent?.split("/")[0] ?? "";
  return isPackageManager(name) ? name : "npm";
}

/** The command that installs a project's dependencies. */
export function installCommand(manager: PackageManagerName): string[] {
  return [manager, "install"];
}

/** The command that runs one of the project's scripts (`bun build` and `npm build` are not scripts, so those say `run`). */
export function runScriptCommand(manager: PackageManagerName, script: string): string {
  return manager === "npm" || manager === "bun" ? `${manager} run ${script}` : `${manager} ${script}`;
}

/** The command that runs a bin of the project's own dependencies (`npx arkor`, `pnpm exec arkor`, …). */
export function execCommand(manager: PackageManagerName, bin: string): string {
  return { npm: `npx ${bin}`, pnpm: `pnpm exec ${bin}`, yarn: `yarn ${bin}`, bun: `bunx ${bin}` }[manager];
}
