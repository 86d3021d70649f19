import { showComparePage } from "./comparePage.js";
import { showJobPage } from "./jobPage.js";
import { showOverview } from "./overview.js";

// One bundle, three pages, each with its own address (bookmarkable, reloadable): the server sends the same shell for each.
// The header names the project on every page (the overview's own stream says it too).
void fetch("/api/project")
  .then((response) => response.json() as Promise<{ name: string; cwd: string }>)
  .then((project) => {
    document.getElementById("project-name")!.textContent = project.name;
    document.getElementById("project-dir")!.textContent = project.cwd;
  });

const job = /^\/jobs\/([^/]+)$/.exec(location.pathname);
if (job) showJobPage(decodeURIComponent(job[1]!));
else if (location.pathname === "/compare") showComparePage();
else showOverview();
