package postextract

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A highlighter's class list gives a code block its language when its
// first class (highlighter markers aside) is a known language.
func TestCodeLangFromHighlighterClassList(t *testing.T) {
	for in, want := range map[string]string{
		`<pre><code class="bash hljs">x</code></pre>`:                         "bash",
		`<pre class="bash hljs"><code class="bash">x</code></pre>`:            "bash",
		`<pre class="hljs dockerfile"><code>x</code></pre>`:                   "dockerfile",
		`<pre class="sourceCode python"><code>x</code></pre>`:                 "python",
		`<pre><code class="hljs language-javascript copyable">x</code></pre>`: "javascript",
		`<pre><code class="Go">x</code></pre>`:                                "go",
		`<pre class="prettyprint linenums lang-rb">x</pre>`:                   "rb",
		`<pre class="prettyprint linenums">x</pre>`:                           "",
		`<pre><code class="copyable hljs bash">x</code></pre>`:                "",
		`<pre><code class="hljs">x</code></pre>`:                              "",
		`<pre class="wrap">x</pre>`:                                           "",
	} {
		a, err := Parse([]byte(in))
		require.NoError(t, err)
		require.Len(t, a.Blocks, 1, in)
		assert.Equal(t, want, a.Blocks[0].Lang, in)
	}
}

// Every link a run carries is in Links: an anchor to an image file around
// an image is the image's full size, so the text before the image in the
// same anchor carries no link either (fuzz find).
func TestRunLinksAreInLinks(t *testing.T) {
	for _, in := range []string{
		`0<A href=".jpg">0<img srC=http:0>`,
		`<p><a href="https://x.test/big.jpg">see <img src="https://x.test/small.jpg"></a> and <a href="https://y.test/">y</a></p>`,
	} {
		a, err := Parse([]byte(in))
		require.NoError(t, err)
		links := map[string]bool{}
		for _, l := range a.Links {
			links[l.URL] = true
		}
		for _, b := range a.Blocks {
			for _, r := range b.Runs {
				if r.Link != "" {
					assert.True(t, links[r.Link], "%s: run link %q not in Links %v", in, r.Link, a.Links)
				}
			}
		}
	}
}

// A table cell's links are its runs (CellRuns, parallel to Rows), and an
// image inside a link has it as Link; both are in Links.
func TestLinksInCellsAndAroundImages(t *testing.T) {
	a, err := Parse([]byte(`<table><tr><th>a</th><th><b>b</b></th></tr><tr><td>x <a href="https://x.org/">l</a></td>` +
		`<td><a href="https://y.org/"><img src="https://i.org/a.png" alt="A"></a></td></tr></table>` +
		`<p><a href="https://z.org/"><img src="https://i.org/b.png"></a><a href="https://i.org/c.jpg"><img src="https://i.org/c-small.jpg"></a></p>`))
	require.NoError(t, err)
	require.Len(t, a.Blocks, 4)
	assert.Equal(t, [][][]Run{{nil, nil}, {{{Text: "x "}, {Text: "l", Link: "https://x.org/"}}, {{Text: "A", Link: "https://y.org/"}}}}, a.Blocks[0].CellRuns)
	assert.Equal(t, "https://y.org/", a.Blocks[1].Image.Link)
	assert.Equal(t, "https://z.org/", a.Blocks[2].Image.Link)
	assert.Equal(t, "", a.Blocks[3].Image.Link, "the full size of the image is no link")
	assert.Equal(t, []Link{{URL: "https://x.org/", Text: "l"}, {URL: "https://y.org/", Text: "A"}, {URL: "https://z.org/", Text: "https://z.org/"}}, a.Links)
	assert.Equal(t, "https://y.org/", a.Images[0].Link)

	// A table without links has no CellRuns.
	a, err = Parse([]byte(`<table><tr><td><b>a</b></td><td><a href="#x">b</a></td></tr></table>`))
	require.NoError(t, err)
	assert.Nil(t, a.Blocks[0].CellRuns)
}
