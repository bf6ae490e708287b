/* global document, window */
// Proof-of-work captcha for the letter form (ALTCHA protocol v2, SHA-256), solved in the
// visitor's browser: fetch a challenge from this site, find the counter whose hash starts with
// the challenge's prefix, put the payload in the form's hidden `altcha` field. No third party.
(function () {
  'use strict';
  function hexToBytes(hex) {
    var out = new Uint8Array(hex.length / 2);
    for (var i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
    return out;
  }
  function bytesToHex(bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return s;
  }
  function startsWith(bytes, prefix) {
    for (var i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
    return true;
  }
  async function solve(challenge) {
    var p = challenge.parameters;
    var salt = hexToBytes(p.salt);
    var nonce = hexToBytes(p.nonce);
    var prefix = hexToBytes(p.keyPrefix);
    var buf = new Uint8Array(salt.length + nonce.length + 4);
    buf.set(salt, 0);
    buf.set(nonce, salt.length);
    var view = new DataView(buf.buffer);
    for (var counter = 0; counter <= 0xffffffff; counter++) {
      view.setUint32(salt.length + nonce.length, counter, false);
      var key = new Uint8Array(await crypto.subtle.digest('SHA-256', buf)).slice(0, p.keyLength || 32);
      if (startsWith(key, prefix)) return { counter: counter, derivedKey: bytesToHex(key) };
    }
    return null;
  }
  // Every form on the page with a captcha box (a consultation page has one per clause) solves its own challenge.
  function setup(box) {
    var field = box.querySelector('input[name="altcha"]');
    var status = box.querySelector('.captcha-status');
    var form = box.closest('form');
    var button = form && form.querySelector('button[type="submit"]');
    function say(text) { if (status) status.textContent = text; }
    if (!window.crypto || !crypto.subtle || !window.fetch) {
      say('您的浏览器不支持人机验证所需的功能，请更换浏览器后再提交。');
      return;
    }
    if (button) button.disabled = true;
    say('正在进行人机验证，请稍候……');
    fetch(box.getAttribute('data-challenge-url'), { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { if (!r.ok) throw new Error('challenge'); return r.json(); })
      .then(function (challenge) {
        return solve(challenge).then(function (solution) {
          if (!solution) throw new Error('solve');
          field.value = btoa(JSON.stringify({ challenge: challenge, solution: solution }));
          say('人机验证已完成，可以提交。');
          if (button) button.disabled = false;
        });
      })
      .catch(function () {
        say('人机验证未能完成，请刷新页面重试。');
        if (button) button.disabled = false;
      });
  }
  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('[data-altcha]'), function (box) {
      var form = box.closest('form');
      // Lazy boxes (one per clause) start when their form is first used, not all at page load.
      if (!box.hasAttribute('data-altcha-lazy') || !form) return setup(box);
      form.addEventListener('focusin', function once() { form.removeEventListener('focusin', once); setup(box); });
    });
  });
})();
