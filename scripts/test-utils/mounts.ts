import { execFileSync } from "node:child_process";

/**
 * Real mounts, for the cases where only the kernel can make a write fail:
 * root ignores chmod, and the suite runs as root. Each returns a function that
 * unmounts; call it in a `finally`, before the temp project is removed.
 */
function mount(args: string[]): () => void {
  try {
    execFileSync("mount", args, { stdio: "pipe" });
  } catch (error) {
    throw new Error(`mount ${args.join(" ")} failed: this test needs root with permission to mount. ${String((error as { stderr?: unknown }).stderr ?? error)}`);
  }
  const target = args.at(-1)!;
  return () => execFileSync("umount", [target], { stdio: "pipe" });
}

/** A tmpfs of `size` (such as "16k") at `dir`: a small disk that a test can fill. */
export function mountTmpfs(dir: string, size: string): () => void {
  return mount(["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir]);
}

/** Makes `dir` read-only (EROFS, even for root); folders mounted inside it later stay writable. */
export function mountReadOnly(dir: string): () => void {
  const unbind = mount(["--bind", dir, dir]);
  try {
    execFileSync("mount", ["-o", "remount,bind,ro", dir], { stdio: "pipe" });
  } catch (error) {
    unbind();
    throw error;
  }
  return unbind;
}

/** Mounts the folder `source` at `dir`. */
export function mountBind(source: string, dir: string): () => void {
  return mount(["--bind", source, dir]);
}
