package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/postextract/postextract"
)

// TestMarkdownCleanRules checks each rule of clean Markdown on a post that
// needs it: the body written holds want, and not notWant; and it reads
// back the same.
func TestMarkdownCleanRules(t *testing.T) {
	for _, c := range []struct {
		name, html, want, notWant string
	}{
		{"strong closed by the line end", "<p><strong>Hello world.</strong></p>", "**Hello world.**\n", "<strong>"},
		{"strong before punctuation", "<p>A <b>bold</b>, then</p>", "A **bold**, then", "<b"},
		{"em after punctuation", "<p>(<em>see</em>)</p>", "(*see*)", "<em>"},
		{"a mark CommonMark cannot close is one element", "<p><strong>重要：</strong>文字<strong>粗</strong></p>",
			"<strong>重要：</strong>文字**粗**", "<p>"},
		{"strike", "<p>a <del>gone.</del> b</p>", "a ~~gone.~~ b", "<del>"},
		{"strong around code", "<p>use <strong><code>-D</code></strong> here</p>", "use **`-D`** here", "<code>"},
		{"a line break ends a strong run", "<p><strong>Fix</strong><br>then</p>", "**Fix**\\\nthen", "<strong>"},
		{"a line break inside a strong run", "<p>x <strong>a<br>b</strong> y</p>", "x **a\\\nb** y", "<strong>"},
		{"a code span with a leading space", "<p>run<code> npm run build</code> now</p>", "run` npm run build` now", "<code>"},
		{"a sized image", `<p><img src="https://x.org/a.png" alt="A" title="T" width="800" height="600"></p>`,
			`![A](https://x.org/a.png "T")`, "<img"},
		{"a captioned image stays a figure", `<figure><img src="https://x.org/a.png" width="8"><figcaption>Cap</figcaption></figure>`,
			"<figcaption>Cap</figcaption>", "!["},
		{"& in a URL", `<p><a href="https://x.org/?w=847&amp;h=601">x</a><img src="https://x.org/i.png?w=1&amp;h=2"></p>`,
			"(https://x.org/?w=847&h=601)", "&amp;"},
		{"& before what reads as a reference", `<p><a href="https://x.org/?a=1&amp;copy;=2">x</a></p>`, "?a=1&amp;copy;=2", "?a=1&copy;"},
		{"& in text", "<p>AT&amp;T &amp;copy and &amp;amp;</p>", `AT&T &copy and \&amp;`, `AT\&`},
		{"a non-ASCII URL", `<p><img src="https://img.example.cn/截图6.webp"></p>`, "![](https://img.example.cn/截图6.webp)", "<img"},
		{"a tight list", "<ul><li>a</li><li>b<ol><li>c</li></ol></li></ul>", "- a\n- b\n  1. c\n", "- a\n\n"},
		{"a number in a heading", "<h4>1. Puppeteer</h4>", "#### 1. Puppeteer\n", `\.`},
		{"a hash in a heading", "<h2># of items</h2>", "## # of items\n", `\#`},
		{"a number that starts no list", "<p>1.5 million, 2020. Done</p>", "1.5 million", `\.`},
		{"a number that starts a list", "<p>1. not a list</p>", `1\. not a list`, "\n1. "},
		{"a hashtag", "<p>#go and # not a heading</p>", "#go and", `\#go`},
		{"a heading marker", "<p># not a heading</p>", `\# not a heading`, "\n# not"},
		{"a dash that starts no list", "<p>-v and +1</p>", "-v and +1", `\-`},
		{"a dash that starts a list", "<p>- nor this</p><p>+ nor this</p>", `\- nor this`, "\n- nor"},
		{"a thematic break", "<p>---</p><p>===</p>", `\---`, "\n---\n"},
		{"a backslash before a letter", `<p>C:\Users\foo and $\mathbf{v}$, a\*b</p>`, `C:\Users\foo and $\mathbf{v}$, a\\\*b`, `\\U`},
		{"a bar outside a table", "<p>作者 | 张铁林</p>", "作者 | 张铁林", `\|`},
		{"brackets that open nothing", "<ul><li>[新增] 修复 [x] y</li></ul>", "- [新增] 修复 [x] y", `\[新`},
		{"a callout's type is text in a quote", "<blockquote><p>[!note] not a callout</p></blockquote>", `> \[!note] not a callout`, "> [!note]"},
		{"a link whose text starts with ^", `<p>a<sup><a href="https://x.org/n">^3</a></sup></p>`, `[\^3](https://x.org/n)`, "[^3]"},
		{"what goldmark's footnotes take for a reference", `<p>w !z^1] x</p>`, `w \!z^1] x`, "w !z"},
		{"brackets that would", "<p>[a](b) [c][d] [^1] ![e] [[w]]</p><ul><li>[ ] box</li></ul>", `\[a](b) \[c][d] \[^1] !\[e] \[\[w]]`, "- [ ]"},
		{"a hash after a letter ends no heading", "<h2>Learning C#</h2><h2>a #</h2>", "## Learning C#\n", `a #\n`},
		{"a fence language with braces", `<pre><code class="language-js{5}">let a = {x: 1}</code></pre>`, "```js{5}\n", "<pre>"},
		{"a caption keeps its quotes", `<figure><img src="https://x.org/a.png"><figcaption>Pencil's "eraser"</figcaption></figure>`, `Pencil's "eraser"`, "&#39;"},
		{"balanced parentheses in a URL", `<p><a href="https://en.wikipedia.org/wiki/Go_(programming_language)">Go</a></p>`, "[Go](https://en.wikipedia.org/wiki/Go_(programming_language))", "<https"},
		{"a Python-Markdown marker is text", "<p>=== \"Tab\"</p><p>!!! note</p>", `\=== "Tab"`, "\n=== "},
		{"a mark inside a mark", "<p><em>a <strong>b</strong> c</em></p>", "*a **b** c*", "<em>"},
		{"code inside bold", "<p><strong>P 的数量受环境变量 <code>GOMAXPROCS</code> 的直接影响</strong>。</p>", "**P 的数量受环境变量 `GOMAXPROCS` 的直接影响**。", "<strong>"},
		{"a link inside bold", `<p><strong><a href="https://x.org/u">Click here</a> to see them.</strong></p>`, "**[Click here](https://x.org/u) to see them.**", "<strong>"},
		{"bold inside emphasis at its start", "<p><em><strong>Note:</strong> If it rains.</em></p>", "***Note:** If it rains.*", "<em>"},
		{"a heading with nested marks that ends like an attribute list", "<h2><em>Using <strong>refs</strong></em> {.note}</h2>", "## *Using **refs*** &#123;.note}\n", "{.note}"},
		{"a link whose text is its URL is bare", `<p>see <a href="https://x.org/a_b?c=1">https://x.org/a_b?c=1</a> and <a href="http://www.z.org">www.z.org</a>.</p>`,
			"see https://x.org/a_b?c=1 and www.z.org.", "](https"},
		{"a URL an autolink cannot start keeps its brackets", `<p>网址：<a href="https://x.org/a">https://x.org/a</a></p>`, "网址：[https\\://x.org/a](https://x.org/a)", "：https"},
		{"URL characters goldmark would encode, the reader keeps", `<p><img src="https://x.org/a.png?q=75|watermark/{x}"><a href="https://x.org/[b]">b</a></p>`,
			"![](https://x.org/a.png?q=75|watermark/&#123;x})", "<img"},
		{"MDX statements and comments are text", "<p>import X from 'y';</p><p>{/* truncate */}</p>", "&#105;mport X from 'y';", "\nimport X"},
		{"a line break in a table cell", "<table><tr><th>a</th><th>b</th></tr><tr><td>x</td><td>line1<br>line2</td></tr></table>", "| x | line1<br>line2 |", "<table>"},
		{"quotes side by side are one quote", "<blockquote><p>one</p><p>two</p></blockquote>", "> one\n>\n> two\n", "one\n\n>"},
		{"steps with code between keep their numbers", "<ol><li>Install:<pre><code>npm i x</code></pre>then<li>Run</li></ol>", "1. Install:\n\n   ```\n   npm i x\n   ```\n\n   then\n2. Run\n", "1. Run"},
		{"a list that starts at 3, and one that jumps", `<ol start="3"><li>c</li><li>d</li></ol><ol><li>a</li></ol>`, "3. c\n4. d\n1) a\n", "\n1. a"},
		{"two lists side by side, each from 1", "<ol><li>Open the settings.</li></ol><ol><li>Click Save.</li></ol>", "1. Open the settings.\n1) Click Save.\n", "   Click"},
		{"an item of two paragraphs", "<ol><li><p>a</p><p>more</p></li><li>b</li></ol>", "1. a\n\n   more\n2. b\n", "2. more"},
		{"a line that reads as a table's delimiter row", "<ul><li>&lt;M<br>--:</li></ul><p>a<br>:-|-</p>", "\\\n  \\--:", "\n  --:"},
		{"dashes among words start no table", "<p>a<br>-- b --</p>", "\\\n-- b --", `\--`},
		{"{% … %} in code is fenced", "<pre><code class=language-liquid>{% include a.html %}</code></pre>", "```liquid\n{% include a.html %}\n```", "<pre>"},
		{"thousands of backticks", "<p>" + strings.Repeat("a`", 3000) + "<code>x</code></p>", "a&#96;a&#96;", "\\`"},
		{"marks too dense for the reader's guard are HTML", "<p>0<B><i>0</B>0<strong>0</strong>0<B>0</B>0<strong>0</strong >0<Code>0</Code>0<kBd>0<s>0</s>00<<B>0</B>0</p>",
			"<strong>", "**"},
		{"a heading that ends like an attribute list", "<h2>{#}</h2><h3>a {b} c</h3>", "## &#123;#}\n", ""},
		{"a raw marker in code is HTML", "<pre><code>{% raw %}x{% endraw %}</code></pre>", "<pre><code>", "```"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, err := postextract.Parse([]byte(c.html))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := Markdown(&buf, a); err != nil {
				t.Fatal(err)
			}
			body := string(markdownBody(buf.Bytes()))
			if !strings.Contains(body, c.want) {
				t.Errorf("the body lacks %q:\n%s", c.want, body)
			}
			if c.notWant != "" && strings.Contains(body, c.notWant) {
				t.Errorf("the body holds %q:\n%s", c.notWant, body)
			}
			checkRoundTrip(t, a)
		})
	}
}

// TestClosesAsksGoldmark checks the delimiter choice against goldmark on
// the cases that a rule of thumb gets wrong both ways.
func TestClosesAsksGoldmark(t *testing.T) {
	for _, c := range []struct {
		before, delim, text, after string
		want                       bool
	}{
		{"", "**", "Hello world.", "", true},      // punctuation, then the line end
		{"a", "**", "重要：", "文", false},            // punctuation, then a letter
		{"a ", "**", "重要：", " a", true},           // punctuation, then a space
		{"a", "*", "b", "a", true},                // inside a word
		{"a", "~~", "b.", "a", false},             // the same flanking rules for ~~
		{".", "**", "`x`", ".", true},             // a code span inside
		{"", "*", " a", "", false},                // white space after the opener
		{"", "**", "a\\\nb", "", true},            // a line break inside
		{"a", "**", "b", "\\*", true},             // an escaped delimiter after
		{"", "***", "both", "", true},             // strong and em
		{"a", "*", "x", "\\_", true},              // an escaped underscore after
		{"", "**", "a", "", true},                 // a whole line
		{"", "*", "-", " a", true},                // punctuation alone
		{"a", "*", "-", "a", false},               // punctuation between letters
		{"", "~~", "x", "", true},                 // strike
		{"", "**", "a", "**b**", false},           // another run right after
		{"a ", "**", "a ", "", false},             // white space before the closer
		{"a\u00a0", "**", "(x)", "\u00a0a", true}, // Unicode white space
	} {
		code := strings.HasPrefix(c.text, "`")
		if got := closes(c.before, c.delim, c.text, c.after, code); got != c.want {
			t.Errorf("closes(%q, %q, %q, %q) = %v, want %v", c.before, c.delim, c.text, c.after, got, c.want)
		}
	}
}
