import { Fragment } from 'react';

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * Renders the search API's highlighted HTML (escaped text whose only tags are <mark>) as React
 * nodes, without dangerouslySetInnerHTML: split on the marks, decode the five entities.
 */
export function MarkedText({ html }: { html: string }) {
  const parts = html.split(/(<mark>.*?<\/mark>)/g);
  const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);
  return (
    <>
      {parts.map((p, i) => {
        const m = /^<mark>(.*)<\/mark>$/.exec(p);
        return m ? <mark key={i}>{decode(m[1] ?? '')}</mark> : <Fragment key={i}>{decode(p)}</Fragment>;
      })}
    </>
  );
}
