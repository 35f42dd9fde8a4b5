"""Bundle: the book's one script, for reading offline.

vega, vega-lite and vega-embed for Altair's Vega-Lite version, bundled by vl-convert with
the snippet that swaps each chart's static SVG for the interactive view, in an IIFE so its
names cannot clash with the theme's. Made once per Altair and vl-convert version and kept
in the project's cache; ``build`` starts making it in a process of its own at once, so the
two seconds it takes overlap with checking the data and running the chapters.

This module imports nothing heavy: the process that makes the bundle loads vl-convert only.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from reportbook.errors import BundleError  # noqa: F401 - re-exported

SNIPPET = """
function rbEmbedAll() {
  document.querySelectorAll('.rb-chart[data-spec]').forEach(function (el) {
    var node = document.getElementById(el.getAttribute('data-spec'));
    if (!node || el.getAttribute('data-embedded')) return;
    var spec = JSON.parse(node.textContent);
    var fallback = el.innerHTML;
    el.setAttribute('data-embedded', 'pending');
    vegaEmbed(el, spec, {renderer: 'svg', actions: false, mode: 'vega-lite'})
      .then(function () { el.setAttribute('data-embedded', 'yes'); })
      .catch(function (err) {
        el.innerHTML = fallback;
        el.setAttribute('data-embedded', 'failed');
        console.warn('reportbook: chart kept as static SVG:', err);
      });
  });
}
// Cite blocks: the access date is the reader's day (in the text, and in the RIS and
// CSL-JSON downloads), and each citation gets a button that copies it exactly as shown.
function rbToday() {
  var d = new Date();
  function two(n) { return (n < 10 ? '0' : '') + n; }
  return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate());
}
// The words of the buttons, in the page's language (the Chinese edition's pages are zh).
function rbZh() { return (document.documentElement.lang || '').slice(0, 2) === 'zh'; }
function rbWord(en, zh) { return rbZh() ? zh : en; }
function rbCopy(text, button) {
  function done(ok) {
    button.textContent = ok ? rbWord('Copied', '已复制') : rbWord('Copy failed', '复制失败');
    setTimeout(function () { button.textContent = rbWord('Copy', '复制'); }, 1500);
  }
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(function () { done(true); },
                                              function () { done(false); });
    return;
  }
  var area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  var ok = false;
  try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
  document.body.removeChild(area);
  done(ok);
}
function rbCiteAll() {
  var today = rbToday();
  document.querySelectorAll('.rb-cite[data-accessed]').forEach(function (block) {
    if (block.getAttribute('data-ready')) return;
    block.setAttribute('data-ready', 'yes');
    block.querySelectorAll('.rb-accessed').forEach(function (el) { el.textContent = today; });
    block.querySelectorAll('a.rb-cite-dl[href^="data:"]').forEach(function (a) {
      var href = a.getAttribute('href'), comma = href.indexOf(',');
      var text = decodeURIComponent(href.slice(comma + 1));
      if (a.getAttribute('data-format') === 'ris') {
        text = text.replace(/^Y2  - .*$/m, 'Y2  - ' + today.replace(/-/g, '/'));
      } else {
        var items = JSON.parse(text);
        items.forEach(function (it) {
          if (it.accessed) it.accessed = {'date-parts': [today.split('-').map(Number)]};
        });
        text = JSON.stringify(items) + '\\n';
      }
      a.setAttribute('href', href.slice(0, comma + 1) + encodeURIComponent(text));
    });
    block.querySelectorAll('.rb-cite-text').forEach(function (el) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'rb-copy';
      button.textContent = rbWord('Copy', '复制');
      button.setAttribute('aria-label', 'Copy the ' + el.getAttribute('data-format') +
                          ' citation');
      button.addEventListener('click', function () { rbCopy(el.textContent, button); });
      var at = el.tagName === 'PRE' ? el : el.parentNode.querySelector('.rb-cite-fmt');
      at.parentNode.insertBefore(button, el.tagName === 'PRE' ? el : at.nextSibling);
    });
  });
}
// The ledger's filter keeps the rows that contain every word typed (their text, and the
// ids behind it in data-text); a column's heading sorts by it (data-key where the shown
// text does not sort: base values, period ends).
function rbFilterAll() {
  document.querySelectorAll('input.rb-filter[data-table]').forEach(function (box) {
    var table = document.getElementById(box.getAttribute('data-table'));
    if (!table || box.getAttribute('data-ready')) return;
    box.setAttribute('data-ready', 'yes');
    var rows = [].slice.call(table.tBodies[0].rows);
    var count = box.parentNode.querySelector('.rb-filter-count');
    function apply() {
      var words = box.value.toLowerCase().split(/\\s+/).filter(Boolean), shown = 0;
      rows.forEach(function (tr) {
        var text = (tr.textContent + ' ' + (tr.getAttribute('data-text') || '')).toLowerCase();
        var ok = words.every(function (w) { return text.indexOf(w) >= 0; });
        tr.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) count.textContent = shown + ' of ' + rows.length + ' figures';
    }
    box.addEventListener('input', apply);
    apply();
    [].slice.call(table.tHead.rows[0].cells).forEach(function (th, i) {
      var button = th.querySelector('button.rb-sort');
      if (!button) return;
      button.addEventListener('click', function () {
        var up = th.getAttribute('aria-sort') !== 'ascending';
        [].slice.call(table.tHead.rows[0].cells).forEach(function (o) {
          o.removeAttribute('aria-sort');
        });
        th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
        var kind = th.getAttribute('data-sort');
        function key(tr) {
          var td = tr.cells[i], k = td.getAttribute('data-key');
          var v = k !== null ? k : td.textContent.trim();
          return kind === 'number' ? (v === '' ? -Infinity : parseFloat(v)) : v;
        }
        var body = table.tBodies[0];
        rows.slice().sort(function (a, b) {
          var x = key(a), y = key(b);
          var c = kind === 'number' ? x - y : String(x).localeCompare(String(y), 'zh');
          return up ? c : -c;
        }).forEach(function (tr) { body.appendChild(tr); });
      });
    });
  });
}
// The link to the other edition keeps the reader's section: both editions' sections have
// the same ids, so the link takes the address's #label with it (or, with none, the id of the
// section the reader has scrolled to).
function rbSection() {
  if (window.location.hash) return window.location.hash;
  var at = '';
  document.querySelectorAll('main section[id]').forEach(function (s) {
    if (s.getBoundingClientRect().top <= 90) at = '#' + s.id;
  });
  return at;
}
function rbLangAll() {
  document.querySelectorAll('a.rb-lang').forEach(function (a) {
    var base = a.getAttribute('href').split('#')[0];
    function follow() { a.setAttribute('href', base + rbSection()); }
    follow();
    window.addEventListener('hashchange', follow);
    a.addEventListener('click', follow);
  });
}
function rbStart() { rbEmbedAll(); rbCiteAll(); rbFilterAll(); rbLangAll(); }
if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', rbStart);
} else {
  rbStart();
}
"""


_MAKING: dict[Path, subprocess.Popen] = {}  # bundles being made in the background


def vl_version() -> str:
    """Altair's Vega-Lite version as vl-convert names it, e.g. ``v6.1``."""
    import altair as alt  # deferred: heavy

    return "v" + ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])


def path(paths) -> Path:
    """Where the bundle is cached: named by the versions and by this module's text (the
    snippet), so a cached bundle is always the one this code would make."""

    import altair  # deferred: heavy
    import vl_convert  # deferred: heavy, and it must not be imported before a fork

    this = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:10]
    name = f"bundle-altair{altair.__version__}-vlc{vl_convert.__version__}-{this}.js"
    return paths.cache / name


def start(paths) -> None:
    """Start making the bundle in a separate process, if it is not cached yet.

    A process, not a thread: vl-convert holds the GIL while it bundles, and it must not
    run in a process forked from one that already used it (its runtime thread does not
    survive a fork)."""
    out = path(paths)
    if out.exists() or out in _MAKING:
        return
    here = str(Path(__file__).resolve().parents[1])  # this reportbook, not another one
    pythonpath = os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")]))
    code = "import sys; from reportbook import bundle; bundle.write(sys.argv[1], sys.argv[2])"
    _MAKING[out] = subprocess.Popen(
        [sys.executable, "-c", code, str(out), vl_version()],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": pythonpath},
    )


def get(paths) -> Path:
    """The bundle's file, made now if need be (waiting for ``start``'s process if one is
    making it)."""
    out = path(paths)
    proc = _MAKING.pop(out, None)
    if proc is not None:
        _, err = proc.communicate()
        if proc.returncode != 0 and not out.exists():
            raise BundleError(
                f"making the vega bundle failed:\n{err.decode(errors='replace')[-2000:]}"
            )
    if not out.exists():
        write(out, vl_version())
    return out


def write(out: str | Path, version: str) -> None:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(js(version), encoding="utf-8")
    os.replace(tmp, out)
    for old in out.parent.glob("bundle-*.js"):  # bundles of earlier versions: not used again
        if old != out:
            old.unlink(missing_ok=True)


def js(version: str) -> str:
    """The bundle's text for Vega-Lite ``version``."""
    import vl_convert as vlc  # deferred: heavy, and it must not be imported before a fork

    try:
        code = vlc.javascript_bundle("import vegaEmbed from 'vega-embed';\n" + SNIPPET,
                                     vl_version=version)  # fmt: skip
    except Exception:  # noqa: BLE001 - fall back to the default global assignment
        code = vlc.javascript_bundle(vl_version=version) + "\n" + SNIPPET
    return (
        "/* vega + vega-lite + vega-embed, bundled by vl-convert; see reportbook/bundle.py */\n"
        "(function () {\n" + code + "\n})();\n"
    )
