// make audit's collector: Lighthouse on each URL given, its results written where
// `lhci assert` and `lhci upload` read them (.lighthouseci/ in the working folder).
//
// `lhci collect` starts a new Node.js process for every run, which loads Lighthouse
// (about 1.7 s on a 2-core machine) and its audits again, and then loads Lighthouse once
// more itself to write the HTML report: about 6 s a page around Lighthouse's own 8-9 s.
// This does the same runs through Lighthouse's Node API ("Using programmatically" in
// Lighthouse's docs) in one process: Lighthouse is loaded once, and each run still gets
// a Chromium of its own, launched and killed as Lighthouse's CLI does. Lighthouse CI's
// architecture (docs/architecture.md) makes .lighthouseci/ the interface between its
// commands, so `lhci assert` and `lhci upload` work on these results unchanged; each
// result is the report's JSON (LHR), lhr-<milliseconds>.json, as `lhci collect` names
// it (upload writes the HTML reports from it).
//
//   node collect.mjs --settings=FILE --chrome-flags="..." URL...
//
// FILE holds Lighthouse's settings as `lhci collect` passes them (lighthouserc.json's
// collect.settings, and make audit's form factor): "preset": "desktop" chooses
// Lighthouse's desktop configuration, as its CLI's --preset does. --runs=N runs each URL
// N times. CHROME_PATH names the Chromium.

import fs from 'node:fs';
import path from 'node:path';
import {parseArgs} from 'node:util';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse, {desktopConfig} from 'lighthouse';

// A run that fails (Chromium crashing under load, say) is tried again, as `lhci collect`
// does, up to this many attempts in all.
const ATTEMPTS = 3;
const RESULTS = path.join(process.cwd(), '.lighthouseci');

const {values, positionals: urls} = parseArgs({
  allowPositionals: true,
  options: {
    settings: {type: 'string'},
    'chrome-flags': {type: 'string', default: ''},
    runs: {type: 'string', default: '1'},
  },
});
const {preset, ...settings} = JSON.parse(fs.readFileSync(values.settings, 'utf8'));
const config = preset === 'desktop' ? desktopConfig : undefined;
const chromeFlags = values['chrome-flags'].split(' ').filter(Boolean);

/** One Lighthouse run in a Chromium of its own: its report (LHR), as JSON. */
async function audit(url) {
  const chrome = await chromeLauncher.launch({chromeFlags});
  try {
    const flags = {...settings, port: chrome.port, logLevel: 'error'};
    const result = await lighthouse(url, flags, config);
    if (!result) throw new Error(`Lighthouse returned no result for ${url}`);
    if (result.lhr.runtimeError) {
      const {code, message} = result.lhr.runtimeError;
      throw new Error(`Lighthouse could not audit ${url}: ${code}: ${message}`);
    }
    return JSON.stringify(result.lhr);
  } finally {
    chrome.kill();
  }
}

async function auditUntilSuccess(url) {
  const errors = [];
  while (errors.length < ATTEMPTS) {
    try {
      return await audit(url);
    } catch (error) {
      errors.push(error);
    }
  }
  throw errors[0];
}

fs.mkdirSync(RESULTS, {recursive: true});
try {
  for (const url of urls) {
    for (let run = 0; run < Number(values.runs); run++) {
      const report = await auditUntilSuccess(url);
      // Two runs never share a millisecond: each takes seconds.
      fs.writeFileSync(path.join(RESULTS, `lhr-${Date.now()}.json`), report);
    }
  }
} catch (error) {
  console.error(error.message);
  process.exitCode = 1;
}
