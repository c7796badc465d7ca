import { describe, expect, it } from 'vitest';
import { lexBlocks, beginNote } from '../../src/content/lexer.js';
import { writeCodeMarks } from '../../src/content/code-spans.js';
import { blockText, cleanSource, linkText, tidy } from '../../src/content/text.js';

/** The text users see (code spans written as markdown once parsing is done, as parseDeck does). */
const plain = (markdown: string): string => {
  beginNote();
  return writeCodeMarks(tidy(blockText(lexBlocks(cleanSource(markdown)))));
};

describe('plain text for users', () => {
  it.each([
    ['**bold** and *italic* and ***both*** and __under__ and _it_', 'bold and italic and both and under and it'],
    ['[AWS Lambda](../lambda) runs code', 'AWS Lambda runs code'],
    ['see [the guide](https://docs.example.com/a)', 'see the guide (https://docs.example.com/a)'],
    ['[https://example.com/x](https://example.com/x)', 'https://example.com/x'],
    ['[https://example.com/x/](https://example.com/x)', 'https://example.com/x'],
    ['[](https://example.com/empty)', 'https://example.com/empty'],
    ['mail [us](mailto:team@example.com)', 'mail us (mailto:team@example.com)'],
    ['jump to [the top](#top)', 'jump to the top'],
    ['<https://example.com/auto>', 'https://example.com/auto'],
    ['a <span class="x">tagged</span> word<br>next', 'a tagged word\nnext'],
    ['before <!-- hidden --> after', 'before after'],
    ['video {{< youtube id="abc" >}} here {{% notice info %}}note{{% /notice %}}', 'video here note'],
    ['zero\u200bwidth\u200d and no\u00a0break\u202fspaces', 'zerowidth and no break spaces'],
    ['AT&amp;T &lt;tag&gt; &#x41;&#66; caf&eacute;', 'AT&T <tag> AB café'],
    ['`code *not bold*` stays', '`code *not bold*` stays'],
    ['an image ![diagram](./img/x.png) inline', 'an image inline'],
    ['a [broken link](', 'a broken link'],
    ['\\*escaped\\* stars', '*escaped* stars'],
  ])('%j -> %j', (markdown, expected) => {
    expect(plain(markdown)).toBe(expected);
  });

  it('keeps paragraphs apart and lists as "- " lines', () => {
    expect(plain('First para.\n\nSecond para.\n\n- one\n- two\n  - nested')).toBe('First para.\n\nSecond para.\n\n- one\n- two\n  - nested');
  });

  it('linkText', () => {
    expect(linkText('docs', 'https://a.example')).toBe('docs (https://a.example)');
    expect(linkText('docs', '../a')).toBe('docs');
    expect(linkText('', '../a')).toBe('');
  });

  it('cleanSource keeps every line where it was', () => {
    const source = 'a\r\nb <!-- x\ny --> c\n{{< s\n>}}\nd\u200b';
    const cleaned = cleanSource(source);
    expect(cleaned.split('\n')).toHaveLength(source.split(/\r?\n/).length);
    expect(cleaned.split('\n')[5]).toBe('d');
  });
});
