/* global document, window, EventSource */
// Live transcript of an interview: the page already shows every entry so far (rendered on the
// server); this script appends new ones as the server pushes them (server-sent events). The
// browser's EventSource reconnects by itself and sends Last-Event-ID, so nothing is missed.
// Text is inserted with textContent only: whatever a question says, it never becomes markup.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var list = document.getElementById('iv-entries');
    if (!list || list.getAttribute('data-live') !== '1' || !window.EventSource) return;
    var url = list.getAttribute('data-events') + '?after=' + encodeURIComponent(list.getAttribute('data-last-seq') || '0');
    var source = new EventSource(url);
    // The server renders times as YYYY-MM-DD HH:mm, Beijing time; new entries look the same.
    var stamp = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
    function parse(text) {
      try { return JSON.parse(text); } catch { return null; }
    }
    function el(tag, cls, text) {
      var n = document.createElement(tag);
      if (cls) n.className = cls;
      if (text) n.textContent = text;
      return n;
    }
    source.addEventListener('entry', function (ev) {
      var e = parse(ev.data);
      if (!e) return;
      if (document.getElementById('entry-' + e.seq)) return;
      var li = el('li', 'entry entry-' + e.kind);
      li.id = 'entry-' + e.seq;
      if (e.question) {
        var q = el('p', 'entry-question');
        q.appendChild(el('span', 'who', '网友“' + (e.question.nickname || '网友') + '”问：'));
        q.appendChild(document.createTextNode(e.question.body));
        li.appendChild(q);
      }
      var p = el('p');
      if (e.speaker) p.appendChild(el('span', 'who', e.speaker + '：'));
      p.appendChild(document.createTextNode(e.body));
      li.appendChild(p);
      if (e.imageId) {
        var img = el('img');
        img.src = '/api/v1/public/interview-images/' + e.imageId;
        img.alt = (e.speaker || '') + '的配图';
        li.appendChild(img);
      }
      li.appendChild(el('time', '', stamp.format(new Date(e.at)).replace(/\//g, '-')));
      list.appendChild(li);
      var empty = document.getElementById('iv-empty');
      if (empty) empty.remove();
      // Answered: no longer waiting in the list of approved questions.
      var waiting = e.question && document.getElementById('question-' + e.question.id);
      if (waiting) waiting.remove();
    });
  });
})();
