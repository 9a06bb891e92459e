// Read a page as a link preview does (WhatsApp, Facebook, Signal and chat apps make theirs from
// the same Open Graph and Twitter tags), with open-graph-scraper. Reads the page's HTML on stdin
// and prints what the parser found as JSON. Fetches nothing. Used by tests/browser/test_link_preview.py.
import { readFileSync } from "node:fs";
import ogs from "open-graph-scraper";

const html = readFileSync(0, "utf8");
const { error, result } = await ogs({ html });
process.stdout.write(JSON.stringify({ error, result }));
