// The single page: a hash router over the five views, the language switch, the shared vocabulary.
import { api, showMessage } from "./api.js";
import { applyWords, t, toggleLang } from "./i18n.js";
import { initSearch, showSearch } from "./search.js";
import { drawFilters, initExplorer, showExplorer } from "./explorer.js";
import { initLineage, showLineageView } from "./lineage.js";
import { fillMatrixOptions, initMatrix, showMatrix } from "./matrix.js";
import { showDocumentView } from "./document.js";

const VIEWS = {
  search: showSearch,
  graph: showExplorer,
  lineage: showLineageView,
  matrix: showMatrix,
  doc: showDocumentView,
};
let vocabulary = null;

function route() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [name, query] = hash.split("?");
  const view = VIEWS[name] ? name : "search";
  for (const section of document.querySelectorAll(".view")) section.hidden = section.id !== `view-${view}`;
  for (const link of document.querySelectorAll("#tabs a")) link.classList.toggle("active", link.dataset.view === view);
  VIEWS[view](new URLSearchParams(query || ""));
}

async function start() {
  applyWords();
  if (typeof cytoscape === "undefined") showMessage(t("vendor.missing"));
  document.getElementById("lang").addEventListener("click", () => {
    toggleLang();
    if (vocabulary) { drawFilters(vocabulary); fillMatrixOptions(vocabulary); }
    route();
  });
  initSearch();
  initExplorer();
  initLineage();
  initMatrix();
  try {
    vocabulary = await api("vocabulary");
  } catch (error) {
    showMessage(`${t("error")}: ${error.message}`);
    vocabulary = { domains: [], functions: [], roles: [], levels: [], years: [], top: {} };
  }
  drawFilters(vocabulary);
  fillMatrixOptions(vocabulary);
  window.addEventListener("hashchange", route);
  route();
  document.body.dataset.ready = "true";
}

start();
