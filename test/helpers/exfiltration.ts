/**
 * Known ways for markup to make a browser send a request when it is merely opened: the corpus
 * the DOM excerpt (src/report/sanitise.ts) is checked against, in happy-dom
 * (test/unit/sanitise-vectors.test.ts) and by opening the exported files in Chromium with every
 * request counted (test/engine/exfiltration.test.ts).
 *
 * Every vector names a unique token (`v01`…) in the address it would load: after sanitising, the
 * token must be gone. `at` is the attacker's origin (a listening server on 127.0.0.1 in the
 * browser test); some vectors use a relative address on purpose, which a file opened from disk
 * or from a server loads from beside itself.
 */

export interface Vector {
  id: string;
  what: string;
  html: (at: string) => string;
}

/** Markup that must survive the sanitiser (it is the evidence), loads nothing, and is checked to stay. */
export const KEPT = [
  '<a href="/settings/data-privacy-controls">Privacy Settings</a>',
  '<button type="button" role="switch" aria-checked="true" data-state="checked" style="opacity: 0.35; width: 20px">Train</button>',
  '<svg viewBox="0 0 4 4" width="8" height="8"><use href="#dot"></use></svg>',
];

const v = (id: string, what: string, html: (at: string) => string): Vector => ({ id, what, html });

export const VECTORS: Vector[] = [
  v('v01', '<img src> (absolute)', (at) => `<img alt="" src="${at}/v01.png">`),
  v('v02', '<img src> (relative: loads beside the file)', () => `<img alt="" src="v02.png">`),
  v('v03', '<img srcset>', (at) => `<img alt="" srcset="${at}/v03.png 2x">`),
  v('v04', '<picture><source srcset>', (at) => `<picture><source srcset="${at}/v04.png"><img alt=""></picture>`),
  v('v05', '<video poster>', (at) => `<video poster="${at}/v05.png"></video>`),
  v('v06', '<video src> (autoplay, muted)', (at) => `<video src="${at}/v06.webm" autoplay muted preload="auto"></video>`),
  v('v07', '<audio src>', (at) => `<audio src="${at}/v07.ogg" preload="auto" autoplay></audio>`),
  v('v08', '<video><source src>', (at) => `<video preload="auto" autoplay muted><source src="${at}/v08.webm" type="video/webm"></video>`),
  v('v09', '<track src> (default)', (at) => `<video preload="auto"><track default kind="captions" src="${at}/v09.vtt"></video>`),
  v('v10', '<input type=image src>', (at) => `<input type="image" alt="go" src="${at}/v10.png">`),
  v('v11', 'background= on a table and a cell', (at) => `<table background="${at}/v11.png"><tbody><tr><td background="${at}/v11.png">cell</td></tr></tbody></table>`),
  v('v12', 'style background: url()', (at) => `<div style="background: url(${at}/v12.png)">bg</div>`),
  v('v13', 'style background-image: url("…") with entity quotes', (at) => `<div style="background-image: url(&quot;${at}/v13.png&quot;)">bg</div>`),
  v('v14', 'style list-style-image', (at) => `<ul><li style="list-style-image: url(${at}/v14.png)">item</li></ul>`),
  v('v15', 'style border-image', (at) => `<div style="border: 4px solid; border-image: url(${at}/v15.png) 4">bordered</div>`),
  v('v16', 'style cursor: url()', (at) => `<div style="cursor: url(${at}/v16.cur), auto">cursor</div>`),
  v('v17', 'style mask-image / -webkit-mask-image', (at) => `<div style="-webkit-mask-image: url(${at}/v17.png); mask-image: url(${at}/v17.png)">mask</div>`),
  v('v18', 'style content: url() on an element', (at) => `<div style="content: url(${at}/v18.png)">content</div>`),
  v('v19', 'style filter / clip-path: url()', (at) => `<div style="filter: url(${at}/v19.svg#f); clip-path: url(${at}/v19.svg#c)">filter</div>`),
  v('v20', 'style shape-outside', (at) => `<div style="float: left; width: 4px; height: 4px; shape-outside: url(${at}/v20.png)"></div>`),
  v('v21', 'style image-set()', (at) => `<div style="background-image: image-set('${at}/v21.png' 1x)">set</div>`),
  v('v22', 'style -webkit-image-set(url())', (at) => `<div style="background-image: -webkit-image-set(url(${at}/v22.png) 1x)">set</div>`),
  v('v23', 'a CSS escape: \\75 rl(', (at) => `<div style="background: \\75 rl(${at}/v23.png)">escaped</div>`),
  v('v24', 'a CSS escape in the property name', (at) => `<div style="backgroun\\64 -image: url(${at}/v24.png)">escaped</div>`),
  v('v25', 'UPPER CASE URL() and a comment', (at) => `<div style="BACKGROUND-IMAGE: /**/ URL(${at}/v25.png)">upper</div>`),
  v('v26', 'a custom property and var()', (at) => `<div style="--x: url(${at}/v26.png); background-image: var(--x)">var</div>`),
  v('v27', '@import in a style attribute', (at) => `<div style="@import url(${at}/v27.css); color: red">import</div>`),
  v('v28', '<a ping>', (at) => `<a href="#top" ping="${at}/v28">ping</a>`),
  v('v29', '<svg><image xlink:href>', (at) => `<svg width="8" height="8"><image width="8" height="8" xlink:href="${at}/v29.png"></image></svg>`),
  v('v30', '<svg><image href> (relative)', () => `<svg width="8" height="8"><image width="8" height="8" href="v30.png"></image></svg>`),
  v('v31', '<svg><use href> (another file)', (at) => `<svg width="8" height="8"><use href="${at}/v31.svg#a"></use></svg>`),
  v('v32', '<svg><use xlink:href> (relative file)', () => `<svg width="8" height="8"><use xlink:href="v32.svg#a"></use></svg>`),
  v('v33', '<svg><feImage href>', (at) => `<svg width="8" height="8"><filter id="fimg"><feImage href="${at}/v33.png"></feImage></filter><rect width="8" height="8" filter="url(#fimg)"></rect></svg>`),
  v('v34', 'SVG fill="url()" to another file', (at) => `<svg width="8" height="8"><rect width="8" height="8" fill="url(${at}/v34.svg#g)"></rect></svg>`),
  v('v35', 'SVG mask= / clip-path= / filter= / marker-end= to another file', (at) => `<svg width="8" height="8"><path d="M0 0L8 8" mask="url(${at}/v35.svg#m)" clip-path="url(${at}/v35.svg#c)" filter="url(${at}/v35.svg#f)" marker-end="url(${at}/v35.svg#k)"></path></svg>`),
  v('v36', 'SVG presentation attribute with a CSS escape', (at) => `<svg width="8" height="8"><rect width="8" height="8" fill="\\75 rl(${at}/v36.svg#g)"></rect></svg>`),
  v('v37', 'SVG style="fill: url()"', (at) => `<svg width="8" height="8"><rect width="8" height="8" style="fill: url(${at}/v37.svg#g)"></rect></svg>`),
  v('v38', '<svg><set attributeName=href to>', (at) => `<svg width="8" height="8"><image width="8" height="8"><set attributeName="href" to="${at}/v38.png"></set></image></svg>`),
  v('v39', '<svg><animate attributeName=href values>', (at) => `<svg width="8" height="8"><image width="8" height="8"><animate attributeName="href" values="${at}/v39.png" dur="1s"></animate></image></svg>`),
  v('v40', '<svg><animate attributeName=fill from/to/by url()>', (at) => `<svg width="8" height="8"><rect width="8" height="8"><animate attributeName="fill" from="url(${at}/v40.svg#a)" to="url(${at}/v40.svg#b)" by="url(${at}/v40.svg#c)" dur="1s"></animate></rect></svg>`),
  v('v41', '<svg><pattern href> / <textPath href> to another file', (at) => `<svg width="8" height="8"><pattern id="p" href="${at}/v41.svg#p"></pattern><text><textPath href="${at}/v41.svg#t">t</textPath></text></svg>`),
  v('v42', '<object data>', (at) => `<object data="${at}/v42.svg" type="image/svg+xml"></object>`),
  v('v43', '<embed src>', (at) => `<embed src="${at}/v43.svg" type="image/svg+xml">`),
  v('v44', '<iframe src> and srcdoc', (at) => `<iframe src="${at}/v44.html"></iframe><iframe srcdoc="&lt;img src=&quot;${at}/v44.png&quot;&gt;"></iframe>`),
  v('v45', '<link rel=stylesheet / prefetch / preload / icon>', (at) => `<link rel="stylesheet" href="${at}/v45.css"><link rel="prefetch" href="${at}/v45"><link rel="preload" as="image" href="${at}/v45.png"><link rel="icon" href="${at}/v45.ico">`),
  v('v46', '<meta http-equiv=refresh>', (at) => `<meta http-equiv="refresh" content="0; url=${at}/v46">`),
  v('v47', '<base href> with a relative image', (at) => `<base href="${at}/v47/"><img alt="" src="v47.png">`),
  v('v48', '<style> with @import and url()', (at) => `<style>@import url(${at}/v48.css); p { background: url(${at}/v48.png) }</style>`),
  v('v49', '<script src>', (at) => `<script src="${at}/v49.js"></script>`),
  v('v50', '<form action> and <button formaction>', (at) => `<form action="${at}/v50"><button formaction="${at}/v50">Send</button></form>`),
  v('v51', '<img lowsrc / dynsrc>', (at) => `<img alt="" lowsrc="${at}/v51.png" dynsrc="${at}/v51.avi">`),
  v('v52', 'MathML <mglyph src> and href', (at) => `<math><mglyph src="${at}/v52.png"></mglyph><mi href="${at}/v52">x</mi></math>`),
  v('v53', '<svg><foreignObject> with HTML that loads', (at) => `<svg width="8" height="8"><foreignObject width="8" height="8"><img alt="" src="${at}/v53.png"><div style="background: url(${at}/v53.png)">fo</div></foreignObject></svg>`),
  v('v54', '<img loading=lazy> far down (a scroll would load it)', (at) => `<div style="height: 3000px"></div><img alt="" loading="lazy" src="${at}/v54.png">`),
  v('v56', 'SVG <script href>', (at) => `<svg><script href="${at}/v56.js"></script></svg>`),
  v('v55', '<a href> to the attacker, protocol-relative', (at) => `<a href="${at.replace(/^https?:/, '')}/v55">protocol-relative</a>`),
];
