// Reading aids that persist for the visitor: elderly-friendly mode (larger type, higher
// contrast) and traditional characters. Both are cookies the public server also reads, so a
// page arrives already in the visitor's choice; without JavaScript the links explain the modes.
(function () {
  'use strict';
  var root = document.documentElement;
  function cookie(name) {
    var m = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'));
    return m ? m[1] : null;
  }
  function setCookie(name, value) {
    document.cookie = name + '=' + value + '; path=/; max-age=31536000; SameSite=Lax';
  }
  if (cookie('jy_elder') === '1') root.classList.add('elder');
  document.addEventListener('DOMContentLoaded', function () {
    var elder = document.querySelector('[data-toggle="elder"]');
    var script = document.querySelector('[data-toggle="script"]');
    var hant = cookie('jy_script') === 'hant';
    if (elder) {
      elder.setAttribute('role', 'button');
      elder.setAttribute('aria-pressed', String(root.classList.contains('elder')));
      elder.addEventListener('click', function (e) {
        e.preventDefault();
        var on = !root.classList.contains('elder');
        root.classList.toggle('elder', on);
        setCookie('jy_elder', on ? '1' : '0');
        elder.setAttribute('aria-pressed', String(on));
      });
    }
    if (script) {
      script.setAttribute('role', 'button');
      script.setAttribute('aria-pressed', String(hant));
      if (hant) { script.textContent = '简体'; script.setAttribute('lang', 'zh-Hans'); }
      script.addEventListener('click', function (e) {
        e.preventDefault();
        setCookie('jy_script', hant ? 'hans' : 'hant');
        window.location.reload();
      });
    }
    var print = document.querySelector('[data-print]');
    if (print) print.addEventListener('click', function (e) { e.preventDefault(); window.print(); });
  });
})();
