#!/usr/bin/env node
// A real single-node Slurm cluster for tests and benchmarks, started from nothing.
//
// Everything the cluster owns lives in one temporary folder: its slurm.conf, its own munged (own
// key, socket, pid, log and seed files), slurmctld's state, slurmd's spool, and the daemons' pid
// and log files. Nothing reads /etc/slurm: every client call passes `SLURM_CONF` (`cluster.env`),
// and clients read the munge socket from the same slurm.conf (`AuthInfo=socket=…`). A munged
// already running on the machine is neither used nor touched, and stop() only signals the
// cluster's own processes: those its pid files name, and Slurm or munge daemons whose command line
// or environment names its folder.
//
//   import { startSlurmCluster } from "../../scripts/slurm/cluster.mjs";
//   const cluster = await startSlurmCluster({ cpus: 8 });
//   spawnSync("sbatch", ["--parsable", "job.sh"], { env: { ...process.env, ...cluster.env } });
//   await cluster.stop();
//
// CLI, for people and benchmarks:
//   eval "$(node scripts/slurm/cluster.mjs start)"   # prints `export SLURM_CONF=…`; leaves it running
//   node scripts/slurm/cluster.mjs stop <dir>
//
// Linux only, and root only: slurmd must run as root to start jobs (SlurmUser=root).
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

/** The programs a cluster and its tests need, and the Debian packages that hold them. */
const TOOLS = ["sbatch", "scontrol", "scancel", "squeue", "sinfo", "slurmctld", "slurmd", "munged"];
const PACKAGES = ["slurmctld", "slurmd", "slurm-client", "munge"];

/** The first line of every slurm.conf written here: `stop <dir>` refuses a folder without it. */
const MARKER = "# arkor throwaway Slurm cluster (scripts/slurm/cluster.mjs)";
const PARTITION = "debug";
const START_TIMEOUT_MS = 60_000;
const KILL_AFTER_MS = 5_000;

/** The absolute path of `name` on PATH or in the sbin folders (root's tools are often not on a user's PATH), or null. */
function findTool(name) {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/sbin", "/usr/local/sbin"];
  for (const dir of dirs) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {}
  }
  return null;
}

function tool(name) {
  const file = findTool(name);
  if (!file) throw new Error(`${name} is not installed: run ensureSlurmInstalled() or apt-get install -y ${PACKAGES.join(" ")}`);
  return file;
}

const isRoot = () => process.getuid?.() === 0;

/** The last `lines` lines of a text, for error messages. */
function tail(text, lines = 20) {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

function readTail(file, lines = 30) {
  try {
    return tail(fs.readFileSync(file, "utf8"), lines) || "(empty)";
  } catch (error) {
    return `(cannot read: ${error.code ?? error.message})`;
  }
}

/**
 * Installs Slurm 22.05 and munge with apt-get when any of their programs is missing.
 * Throws, saying what to install, when it is not root.
 */
export function ensureSlurmInstalled() {
  if (TOOLS.every((name) => findTool(name))) return;
  // Test files start clusters at once: one apt-get at a time (two would fight over dpkg's lock), and
  // whoever waited finds Slurm installed. flock is util-linux's, on every Debian.
  const locked = findTool("flock") && spawnSync("flock", [path.join(os.tmpdir(), "arkor-slurm-install.lock"), process.execPath, fileURLToPath(import.meta.url), "install"], { stdio: "inherit" });
  if (locked && locked.status !== 0) throw new Error(`Installing Slurm failed (exit ${locked.status ?? locked.signal}); see the output above.`);
  if (!locked) installSlurm();
}

/** Installs Slurm's packages with apt-get when a tool is missing (under the lock above, or alone). */
function installSlurm() {
  const missing = TOOLS.filter((name) => !findTool(name));
  if (missing.length === 0) return;
  if (!isRoot()) {
    throw new Error(`Slurm is not installed (missing ${missing.join(", ")}): run as root, or install it first with \`sudo apt-get install -y ${PACKAGES.join(" ")}\``);
  }
  console.error(`slurm: ${missing.join(", ")} missing; installing ${PACKAGES.join(" ")} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update"], ["install", "-y", ...PACKAGES]]) {
    const result = spawnSync("apt-get", args, { encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0) {
      throw new Error(`\`apt-get ${args.join(" ")}\` failed (${result.error?.message ?? `exit ${result.status}`}):\n${tail(`${result.stdout ?? ""}${result.stderr ?? ""}`)}`);
    }
  }
  const still = TOOLS.filter((name) => !findTool(name));
  if (still.length > 0) throw new Error(`apt-get installed ${PACKAGES.join(" ")} but ${still.join(", ")} is still missing`);
}

/** `count` distinct TCP ports that are free right now: the OS picks them (listen on port 0), then they are closed again. */
async function freePorts(count) {
  const servers = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, resolve);
      });
    }
    return servers.map((server) => server.address().port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(() => resolve()))));
  }
}

function shortHostname() {
  try {
    const name = execFileSync("hostname", ["-s"], { encoding: "utf8" }).trim();
    if (name) return name;
  } catch {}
  return os.hostname().split(".")[0];
}

/** Where everything of the cluster in `dir` lives. */
function layout(dir) {
  return {
    dir,
    conf: path.join(dir, "slurm.conf"),
    plugstack: path.join(dir, "plugstack.conf"),
    state: path.join(dir, "state"),
    spool: path.join(dir, "spool"),
    slurmctldPid: path.join(dir, "slurmctld.pid"),
    slurmctldLog: path.join(dir, "slurmctld.log"),
    slurmdPid: path.join(dir, "slurmd.pid"),
    slurmdLog: path.join(dir, "slurmd.log"),
    mungeDir: path.join(dir, "munge"),
    mungeKey: path.join(dir, "munge", "munge.key"),
    mungeSocket: path.join(dir, "munge", "munged.sock"),
    mungePid: path.join(dir, "munge", "munged.pid"),
    mungeLog: path.join(dir, "munge", "munged.log"),
    mungeSeed: path.join(dir, "munge", "munged.seed"),
    // What each daemon printed before it daemonized (configuration errors end up here).
    startupLog: path.join(dir, "startup.log"),
  };
}

function slurmConf(files, { host, cpus, ctldPort, slurmdPort }) {
  return `${MARKER}
# Every path is inside this folder; clients must run with SLURM_CONF=${files.conf}.
ClusterName=arkor${randomBytes(4).toString("hex")}
SlurmctldHost=${host}(127.0.0.1)
SlurmctldPort=${ctldPort}
SlurmdPort=${slurmdPort}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
# This cluster's own munged: the daemons and every client (sbatch, scontrol, …) read this line.
AuthInfo=socket=${files.mungeSocket}
StateSaveLocation=${files.state}
SlurmdSpoolDir=${files.spool}
SlurmctldPidFile=${files.slurmctldPid}
SlurmdPidFile=${files.slurmdPid}
SlurmctldLogFile=${files.slurmctldLog}
SlurmdLogFile=${files.slurmdLog}
SlurmctldDebug=info
SlurmdDebug=info
PlugStackConfig=${files.plugstack}
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SelectType=select/cons_tres
# Cores only: memory is not a consumable, so --mem is only checked against RealMemory.
SelectTypeParameters=CR_Core
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
ReturnToService=2
# Schedule a submitted batch job at once, not up to 3 s later (the default delay, for high throughput).
SchedulerParameters=batch_sched_delay=0
# Ended jobs stay visible to \`scontrol show job\` for at least this many seconds (the default, 300).
MinJobAge=300
# A cancelled or timed-out job that ignores SIGTERM gets SIGKILL this many seconds later.
KillWait=5
# The node below may claim more CPUs than the machine has (oversubscription, for parallel test jobs).
SlurmdParameters=config_overrides
NodeName=${host} NodeAddr=127.0.0.1 CPUs=${cpus} RealMemory=4000 State=UNKNOWN
PartitionName=${PARTITION} Nodes=${host} Default=YES MaxTime=INFINITE State=UP
`;
}

/** Runs a daemon that forks into the background; its early output goes to startup.log. Throws if the parent exits non-zero. */
function startDaemon(files, file, args, env) {
  const fd = fs.openSync(files.startupLog, "a");
  try {
    fs.writeSync(fd, `$ ${file} ${args.join(" ")}\n`);
    const result = spawnSync(file, args, { env, stdio: ["ignore", fd, fd], timeout: 30_000 });
    if (result.status !== 0) {
      throw new Error(`${path.basename(file)} failed to start (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The state letter of a process from /proc (R, S, Z, …), or null when there is none. A daemon that
 * forked away from us is reaped by init, maybe late: a zombie (Z) counts as gone.
 */
function procState(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
  } catch {
    return null;
  }
}

const alive = (pid) => {
  const state = procState(pid);
  return state !== null && state !== "Z" && state !== "X";
};

/**
 * The pid in `pidFile`, if that process is alive and its command line names `dir` (each daemon is
 * started with a path inside it), so a stale pid file whose pid was reused is never acted on.
 */
function ownedPid(pidFile, dir) {
  let pid;
  try {
    pid = Number.parseInt(fs.readFileSync(pidFile, "utf8").trim(), 10);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 1 || !alive(pid)) return null;
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return cmdline.some((arg) => arg.includes(dir + path.sep)) ? pid : null;
  } catch {
    return null;
  }
}

/**
 * The live processes called one of `names` (slurmctld, its slurmscriptd, slurmd, its slurmstepds,
 * munged) that belong to the cluster in `dir`, pid file or not: each daemon was started with a path
 * in `dir` on its command line and SLURM_CONF=<dir>/slurm.conf in its environment, which the
 * helpers it forks inherit.
 */
function clusterProcesses(dir, names) {
  const confEntry = `SLURM_CONF=${path.join(dir, "slurm.conf")}`;
  const pids = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (!names.includes(fs.readFileSync(`/proc/${entry}/comm`, "utf8").trim())) continue;
      const args = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      const ours = args.some((arg) => arg.includes(dir + path.sep)) || fs.readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(confEntry);
      if (ours && alive(Number(entry))) pids.push(Number(entry));
    } catch {}
  }
  return pids;
}

/**
 * Stops the processes called `names` of the cluster in `dir`, and the ones in `pidFiles`, until two
 * looks in a row find none: a daemon caught forking itself into the background may be missed by one.
 */
async function stopProcesses(dir, names, pidFiles) {
  for (let quiet = 0; quiet < 2; ) {
    const pids = [...new Set([...pidFiles.map((file) => ownedPid(file, dir)), ...clusterProcesses(dir, names)].filter((pid) => pid !== null))];
    if (pids.length > 0) {
      quiet = 0;
      await terminate(pids);
    } else if (++quiet < 2) {
      await sleep(50);
    }
  }
}

/** SIGTERM to every pid, SIGKILL to those still alive KILL_AFTER_MS later; resolves when all are gone. */
async function terminate(pids) {
  const signal = (pid, name) => {
    try {
      process.kill(pid, name);
    } catch {}
  };
  for (const pid of pids) signal(pid, "SIGTERM");
  const killAt = Date.now() + KILL_AFTER_MS;
  let killed = false;
  while (pids.some(alive)) {
    if (!killed && Date.now() >= killAt) {
      for (const pid of pids.filter(alive)) signal(pid, "SIGKILL");
      killed = true;
    }
    if (killed && Date.now() >= killAt + KILL_AFTER_MS) {
      throw new Error(`processes ${pids.filter(alive).join(", ")} survived SIGKILL`);
    }
    await sleep(50);
  }
}

/** Whether `dir` holds a cluster written by this script (its slurm.conf starts with the marker). */
function isClusterDir(dir) {
  try {
    return fs.readFileSync(path.join(dir, "slurm.conf"), "utf8").startsWith(MARKER);
  } catch {
    return false;
  }
}

/**
 * Stops the cluster in `dir`, started by startSlurmCluster or the CLI: kills its jobs, then its
 * daemons (slurmd, slurmctld, its munged; named by its own pid files, and see clusterProcesses),
 * waits for them to exit, and removes the folder. A folder that is already gone is fine; one this
 * script did not write is refused.
 */
export async function stopSlurmCluster(dir) {
  dir = path.resolve(dir);
  if (!fs.existsSync(dir)) return;
  if (!isClusterDir(dir)) throw new Error(`${dir} is not a cluster made by scripts/slurm/cluster.mjs (no slurm.conf starting with its marker); not touching it`);
  const files = layout(dir);
  const env = { ...process.env, SLURM_CONF: files.conf };

  // Jobs first, while slurmctld can still do it: slurmstepd and the job's processes outlive slurmd.
  // (SIGKILL to every step, the batch shell included, then cancel what is left, pending jobs too.)
  if (ownedPid(files.slurmctldPid, dir)) {
    spawnSync(tool("scancel"), ["--quiet", "--full", "--signal=KILL", `--partition=${PARTITION}`], { env, stdio: "ignore", timeout: 10_000 });
    spawnSync(tool("scancel"), ["--quiet", `--partition=${PARTITION}`], { env, stdio: "ignore", timeout: 10_000 });
    const deadline = Date.now() + 10_000;
    while (clusterProcesses(dir, ["slurmstepd"]).length > 0 && Date.now() < deadline) await sleep(50);
  }
  // Then the daemons: slurmd (and any slurmstepd still there) while slurmctld is up (stopped
  // together, slurmd sometimes sat out the 5 s to SIGKILL), then slurmctld, and the munged last, as
  // the others use it while shutting down. Processes of jobs are left to their slurmstepd: they carry
  // the environment of whoever submitted them, which is not this cluster's to judge.
  await stopProcesses(dir, ["slurmd", "slurmstepd"], [files.slurmdPid]);
  await stopProcesses(dir, ["slurmctld", "slurmscriptd"], [files.slurmctldPid]);
  await stopProcesses(dir, ["munged"], [files.mungePid]);
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Starts a single-node Slurm cluster (slurmctld, slurmd and its own munged, all in a new temporary
 * folder) and resolves once its node is idle. Installs Slurm with apt-get first when it is missing.
 *
 * @param {{ cpus?: number }} [options] cpus: the CPUs the node claims (default 8, whatever the machine has)
 */
export async function startSlurmCluster(options = {}) {
  const cpus = options.cpus ?? 8;
  if (!Number.isInteger(cpus) || cpus < 1) throw new Error(`cpus must be a positive integer, not ${cpus}`);
  if (process.platform !== "linux") throw new Error("a Slurm cluster needs Linux");
  if (!isRoot()) throw new Error("a Slurm cluster needs root (slurmd starts jobs as their user); run the tests as root");
  ensureSlurmInstalled();
  // The ports are free when picked but not reserved: another process (or another cluster starting
  // at the same moment) may take one before slurmctld or slurmd binds it. Then start over, with new ones.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(cpus);
    } catch (error) {
      if (attempt >= 3 || !/Address already in use/.test(error.message)) throw error;
    }
  }
}

async function startOnce(cpus) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arkor-slurm-"));
  // Readable by all, writable by root only: munged insists that everyone may reach its socket.
  fs.chmodSync(dir, 0o755);
  const files = layout(dir);
  const env = { ...process.env, SLURM_CONF: files.conf };
  let stopping;
  const stop = () => (stopping ??= stopSlurmCluster(dir));

  try {
    if (Buffer.byteLength(files.mungeSocket) > 100) throw new Error(`the munge socket path ${files.mungeSocket} is too long for a Unix socket; set TMPDIR to a shorter folder`);
    for (const sub of [files.state, files.spool, files.mungeDir]) fs.mkdirSync(sub, { mode: 0o755 });
    fs.writeFileSync(files.plugstack, "");
    const [ctldPort, slurmdPort] = await freePorts(2);
    fs.writeFileSync(files.conf, slurmConf(files, { host: shortHostname(), cpus, ctldPort, slurmdPort }));

    // munge: a munged of our own, with a key of our own (1024 random bytes, what `mungekey` makes),
    // so /etc/munge/munge.key need not exist, and since the key differs from the system munged's,
    // a client that reached the wrong munged would be refused rather than silently served.
    // munged runs as root here, which it accepts; `--force` only in case it refuses.
    // (Each Slurm daemon and job step makes munged log "Unauthorized credential for client UID=0"
    // once: Slurm checks at start-up that munge refuses a credential meant for another uid.)
    fs.writeFileSync(files.mungeKey, randomBytes(1024), { mode: 0o400 });
    const mungeArgs = [
      `--socket=${files.mungeSocket}`,
      `--pid-file=${files.mungePid}`,
      `--log-file=${files.mungeLog}`,
      `--seed-file=${files.mungeSeed}`,
      `--key-file=${files.mungeKey}`,
    ];
    try {
      startDaemon(files, tool("munged"), mungeArgs, env);
    } catch {
      startDaemon(files, tool("munged"), ["--force", ...mungeArgs], env);
    }

    // Both daemonize. -f names the conf (SLURM_CONF says the same), which also puts this folder in
    // their command lines, which is how stop() recognises them; -i: no old state to recover.
    startDaemon(files, tool("slurmctld"), ["-i", "-f", files.conf], env);
    startDaemon(files, tool("slurmd"), ["-f", files.conf], env);

    const deadline = Date.now() + START_TIMEOUT_MS;
    const missing = { slurmctld: 0, slurmd: 0 };
    let sinfo = "";
    for (;;) {
      // A daemon that failed (a port taken since it was picked, a bad slurm.conf) exits at once:
      // say so now rather than after the timeout (and sinfo spends 10 s on a slurmctld that is gone).
      // Three looks in a row, since one may miss a daemon that is just forking into the background.
      for (const name of Object.keys(missing)) {
        missing[name] = clusterProcesses(dir, [name]).length > 0 ? 0 : missing[name] + 1;
        if (missing[name] >= 3) throw new Error(`${name} exited (see its log below)`);
      }
      if (missing.slurmctld === 0 && missing.slurmd === 0) {
        const result = spawnSync(tool("sinfo"), ["-h", "-o", "%T"], { env, encoding: "utf8", timeout: 10_000 });
        sinfo = (result.stdout || result.stderr || "").trim();
        if (result.status === 0 && sinfo === "idle") break;
      }
      if (Date.now() >= deadline) throw new Error(`the node is not idle after ${START_TIMEOUT_MS / 1000} s (sinfo: ${JSON.stringify(sinfo)})`);
      await sleep(100);
    }
  } catch (error) {
    const logs = [
      ["startup", files.startupLog],
      ["slurmctld", files.slurmctldLog],
      ["slurmd", files.slurmdLog],
      ["munged", files.mungeLog],
    ].map(([name, file]) => `--- ${name} log (${file}):\n${readTail(file)}`);
    await stop().catch(() => {});
    throw new Error(`Slurm cluster in ${dir} did not start: ${error.message}\n${logs.join("\n")}`, { cause: error });
  }

  return { dir, conf: files.conf, env: { SLURM_CONF: files.conf }, partition: PARTITION, stop };
}

async function main(argv) {
  const [command, dir] = argv;
  if (command === "start" && argv.length === 1) {
    const cluster = await startSlurmCluster();
    console.log(`export SLURM_CONF=${cluster.conf}`);
    console.log(`# Slurm cluster in ${cluster.dir} (partition ${cluster.partition}); stop it with: node ${path.relative(process.cwd(), fileURLToPath(import.meta.url))} stop ${cluster.dir}`);
  } else if (command === "install" && argv.length === 1) {
    installSlurm();
  } else if (command === "stop" && dir && argv.length === 2) {
    await stopSlurmCluster(dir);
  } else {
    console.error("usage: node scripts/slurm/cluster.mjs start\n       node scripts/slurm/cluster.mjs stop <dir>\n       node scripts/slurm/cluster.mjs install   (Slurm's Debian packages, when missing)");
    process.exitCode = 2;
  }
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error.message);
    process.exitCode = 1;
  });
}
