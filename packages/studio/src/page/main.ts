import { showComparePage } from "./comparePage.js";
import { showJobPage } from "./jobPage.js";
import { showOverview } from "./overview.js";

// One bundle, three pages, each with its own address (bookmarkable, reloadable): the server sends the same shell for each.
const job = /^\/jobs\/([^/]+)$/.exec(location.pathname);
if (job) showJobPage(decodeURIComponent(job[1]!));
else if (location.pathname === "/compare") showComparePage();
else showOverview();
