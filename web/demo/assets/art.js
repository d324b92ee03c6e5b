// Product pictures drawn as inline SVG on a soft gradient, so the shop needs no image files and
// makes no requests. Each drawing uses the product's item colour (C) and a darker outline (D).
(function () {
  'use strict';

  // viewBox 0 0 200 240. Each drawing is a list of [tag, attributes] shapes, built element by
  // element (window.Shop.svg), never parsed from markup. The colour "C" is the item's, "D" a darker
  // outline of it.
  const drawings = {
    tee: [
      ['path', { d: 'M62 52 L88 40 Q100 54 112 40 L138 52 L166 84 L146 100 L136 90 L136 200 L64 200 L64 90 L54 100 L34 84 Z', fill: 'C', stroke: 'D', 'stroke-width': '2' }],
      ['path', { d: 'M88 40 Q100 54 112 40', fill: 'none', stroke: 'D', 'stroke-width': '2' }]
    ],
    shirt: [
      ['path', { d: 'M62 50 L86 40 L100 58 L114 40 L138 50 L166 86 L146 100 L136 92 L136 202 L64 202 L64 92 L54 100 L34 86 Z', fill: 'C', stroke: 'D', 'stroke-width': '2' }],
      ['path', { d: 'M86 40 L96 64 L100 58 L104 64 L114 40', fill: 'none', stroke: 'D', 'stroke-width': '2' }],
      ['path', { d: 'M100 62 L100 202', stroke: 'D', 'stroke-width': '1.5' }],
      ['circle', { cx: '100', cy: '90', r: '2.5', fill: 'D' }],
      ['circle', { cx: '100', cy: '122', r: '2.5', fill: 'D' }],
      ['circle', { cx: '100', cy: '154', r: '2.5', fill: 'D' }]
    ],
    knit: [
      ['path', { d: 'M64 50 L88 42 Q100 50 112 42 L136 50 L160 150 L140 154 L134 100 L134 200 L66 200 L66 100 L60 154 L40 150 Z', fill: 'C', stroke: 'D', 'stroke-width': '2' }],
      ['path', { d: 'M66 190 L134 190 M88 42 Q100 56 112 42', fill: 'none', stroke: 'D', 'stroke-width': '2', opacity: '.6' }],
      ['path', { d: 'M70 70 L130 70 M70 90 L130 90 M70 110 L130 110 M70 130 L130 130 M70 150 L130 150 M70 170 L130 170', stroke: '#fff', 'stroke-width': '1.5', opacity: '.25' }]
    ],
    stripes: [
      ['path', { d: 'M60 56 Q100 66 140 56 L162 110 L142 116 L134 96 L134 200 L66 200 L66 96 L58 116 L38 110 Z', fill: '#fbfbfd', stroke: 'D', 'stroke-width': '2' }],
      ['path', { d: 'M66 84 L134 84 M66 104 L134 104 M66 124 L134 124 M66 144 L134 144 M66 164 L134 164 M66 184 L134 184 M50 90 L60 88 M140 88 L150 90', stroke: 'C', 'stroke-width': '8' }]
    ],
    dress: [
      ['path', { d: 'M84 36 L88 62 Q78 80 82 96 L52 206 Q100 218 148 206 L118 96 Q122 80 112 62 L116 36 L108 36 Q100 50 92 36 Z', fill: 'C', stroke: 'D', 'stroke-width': '2' }],
      ['path', { d: 'M80 100 Q100 108 120 100', fill: 'none', stroke: 'D', 'stroke-width': '3' }],
      ['path', { d: 'M108 104 L118 128 M112 104 L124 124', stroke: 'D', 'stroke-width': '2' }]
    ],
    slip: [
      ['path', { d: 'M86 34 L86 66 Q76 80 78 100 L62 208 Q100 216 138 208 L122 100 Q124 80 114 66 L114 34', fill: 'none', stroke: 'D', 'stroke-width': '1.5' }],
      ['path', { d: 'M86 66 Q100 76 114 66 Q124 80 122 100 L138 208 Q100 216 62 208 L78 100 Q76 80 86 66 Z', fill: 'C', stroke: 'D', 'stroke-width': '2' }]
    ],
    maxi: [
      ['path', { d: 'M88 36 L90 64 Q82 78 84 92 L72 130 L60 170 L48 214 Q100 224 152 214 L140 170 L128 130 L116 92 Q118 78 110 64 L112 36 L104 36 Q100 46 96 36 Z', fill: 'C', stroke: 'D', 'stroke-width': '2' }],
      ['path', { d: 'M72 130 Q100 138 128 130 M60 170 Q100 180 140 170', fill: 'none', stroke: 'D', 'stroke-width': '2' }]
    ],
    sneaker: [
      ['path', { d: 'M28 150 Q30 118 56 116 L90 108 Q104 92 122 104 L150 128 Q176 134 176 156 L176 166 L28 166 Z', fill: 'C', stroke: 'D', 'stroke-width': '2' }],
      ['rect', { x: '26', y: '164', width: '152', height: '14', rx: '6', fill: '#f4f1ea', stroke: 'D', 'stroke-width': '2' }],
      ['path', { d: 'M96 112 L106 130 M106 106 L116 124 M116 104 L124 118', stroke: 'D', 'stroke-width': '2' }]
    ],
    boot: [
      ['path', { d: 'M62 56 L112 56 L114 134 Q150 140 168 156 L170 176 L46 176 L48 150 Q58 120 62 56 Z', fill: 'C', stroke: 'D', 'stroke-width': '2' }],
      ['path', { d: 'M78 70 Q88 100 78 130 L110 130 Q100 100 110 70 Z', fill: '#000', opacity: '.12' }],
      ['rect', { x: '44', y: '174', width: '128', height: '12', rx: '4', fill: '#3a2a20' }]
    ],
    loafer: [
      ['path', { d: 'M30 160 Q32 132 60 126 L118 120 Q150 120 172 150 L174 168 L30 168 Z', fill: 'C', stroke: '#000', 'stroke-width': '2' }],
      ['path', { d: 'M96 124 Q120 118 150 134 L140 142 Q118 132 100 134 Z', fill: '#000', opacity: '.25' }],
      ['rect', { x: '28', y: '166', width: '148', height: '10', rx: '4', fill: '#1d1511' }]
    ],
    tote: [
      ['path', { d: 'M76 92 Q76 44 100 44 Q124 44 124 92', fill: 'none', stroke: '#8b5e3c', 'stroke-width': '7' }],
      ['path', { d: 'M50 90 L150 90 L160 206 L40 206 Z', fill: 'C', stroke: 'D', 'stroke-width': '2' }],
      ['rect', { x: '82', y: '130', width: '36', height: '24', rx: '2', fill: '#fff', opacity: '.7' }]
    ],
    sunglasses: [
      ['rect', { x: '30', y: '104', width: '64', height: '44', rx: '20', fill: 'C', stroke: 'D', 'stroke-width': '3' }],
      ['rect', { x: '106', y: '104', width: '64', height: '44', rx: '20', fill: 'C', stroke: 'D', 'stroke-width': '3' }],
      ['path', { d: 'M94 116 Q100 108 106 116', fill: 'none', stroke: 'D', 'stroke-width': '5' }],
      ['path', { d: 'M40 112 Q50 108 58 114 M116 112 Q126 108 134 114', stroke: '#fff', 'stroke-width': '3', opacity: '.5' }]
    ],
    scarf: [
      ['path', { d: 'M70 40 L130 40 L130 70 Q100 82 70 70 Z', fill: 'C', stroke: 'D', 'stroke-width': '2' }],
      ['path', { d: 'M76 70 L62 196 L94 196 L104 78 Z', fill: 'C', stroke: 'D', 'stroke-width': '2' }],
      ['path', { d: 'M112 76 L124 180 L150 176 L128 70 Z', fill: 'C', stroke: 'D', 'stroke-width': '2', opacity: '.9' }],
      ['path', { d: 'M64 196 L64 210 M72 196 L72 210 M80 196 L80 210 M88 196 L88 210', stroke: 'D', 'stroke-width': '2' }]
    ],
    coffee: [
      ['path', { d: 'M58 60 L142 60 L150 206 L50 206 Z', fill: 'C', stroke: 'D', 'stroke-width': '2' }],
      ['path', { d: 'M58 60 L66 44 L134 44 L142 60', fill: 'C', stroke: 'D', 'stroke-width': '2' }],
      ['rect', { x: '68', y: '104', width: '64', height: '60', rx: '4', fill: '#fbf7f0' }],
      ['ellipse', { cx: '100', cy: '128', rx: '11', ry: '15', fill: '#6b4226' }],
      ['path', { d: 'M100 114 Q94 128 100 142', fill: 'none', stroke: '#fbf7f0', 'stroke-width': '2' }],
      ['path', { d: 'M78 152 L122 152', stroke: '#6b4226', 'stroke-width': '3' }]
    ],
    dropper: [
      ['rect', { x: '68', y: '96', width: '64', height: '112', rx: '10', fill: 'C', stroke: 'D', 'stroke-width': '2', opacity: '.95' }],
      ['rect', { x: '84', y: '72', width: '32', height: '26', rx: '3', fill: '#2d2d2d' }],
      ['rect', { x: '90', y: '40', width: '20', height: '34', rx: '10', fill: '#2d2d2d' }],
      ['rect', { x: '78', y: '128', width: '44', height: '46', rx: '3', fill: '#fff', opacity: '.8' }]
    ],
    tube: [
      ['path', { d: 'M74 40 L126 40 L132 176 L68 176 Z', fill: 'C', stroke: 'D', 'stroke-width': '2' }],
      ['rect', { x: '80', y: '176', width: '40', height: '28', rx: '4', fill: '#fafafa', stroke: 'D', 'stroke-width': '2' }],
      ['rect', { x: '82', y: '84', width: '36', height: '54', rx: '3', fill: '#fff', opacity: '.75' }],
      ['path', { d: 'M74 48 L126 48', stroke: 'D', 'stroke-width': '2' }]
    ],
    jar: [
      ['rect', { x: '52', y: '112', width: '96', height: '80', rx: '14', fill: 'C', stroke: 'D', 'stroke-width': '2' }],
      ['rect', { x: '48', y: '92', width: '104', height: '26', rx: '6', fill: '#d9d4e3', stroke: 'D', 'stroke-width': '2' }],
      ['rect', { x: '70', y: '136', width: '60', height: '32', rx: '3', fill: '#fff', opacity: '.8' }]
    ],
    razor: [
      ['rect', { x: '94', y: '92', width: '12', height: '118', rx: '6', fill: 'C', stroke: 'D', 'stroke-width': '2' }],
      ['path', { d: 'M96 110 L104 110 M96 126 L104 126 M96 142 L104 142 M96 158 L104 158 M96 174 L104 174', stroke: 'D', 'stroke-width': '2' }],
      ['rect', { x: '60', y: '60', width: '80', height: '22', rx: '6', fill: 'C', stroke: 'D', 'stroke-width': '2' }],
      ['rect', { x: '88', y: '80', width: '24', height: '14', rx: '3', fill: 'C', stroke: 'D', 'stroke-width': '2' }]
    ],
    blades: [
      ['rect', { x: '46', y: '70', width: '108', height: '110', rx: '8', fill: 'C', stroke: 'D', 'stroke-width': '2' }],
      ['rect', { x: '64', y: '100', width: '72', height: '34', rx: '6', fill: '#e8ecef', stroke: 'D', 'stroke-width': '2' }],
      ['rect', { x: '86', y: '112', width: '28', height: '10', rx: '5', fill: 'C' }],
      ['path', { d: 'M64 156 L136 156', stroke: '#fff', 'stroke-width': '3', opacity: '.6' }]
    ]
  };

  function darker(hex) {
    const n = parseInt(hex.slice(1), 16);
    const scale = (v) => Math.max(0, Math.round(v * 0.62));
    return '#' + [n >> 16, (n >> 8) & 255, n & 255].map((v) => scale(v).toString(16).padStart(2, '0')).join('');
  }

  // Returns an element holding the picture. Background set through CSSOM (allowed under a strict
  // style-src, unlike a style="" attribute).
  function productArt(product, className) {
    const box = document.createElement('div');
    box.className = 'art ' + (className || '');
    const [from, to, item] = product.colors;
    box.style.background = `linear-gradient(160deg, ${from}, ${to})`;
    const colours = { C: item, D: darker(item) };
    const shapes = (drawings[product.art] || drawings.tote).map(([tag, attributes]) => {
      const coloured = {};
      for (const [key, value] of Object.entries(attributes)) coloured[key] = colours[value] || value;
      return [tag, coloured];
    });
    box.appendChild(window.Shop.svg({ viewBox: '0 0 200 240', 'aria-hidden': 'true' }, shapes));
    return box;
  }

  window.ShopArt = { productArt };
})();
