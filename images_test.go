package postextract

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An unclosed <a> re-opened by the parser gives its href to one image.
func TestOneHrefPerImage(t *testing.T) {
	a := parseOK(t, `<p><a href="https://h/full1.jpg"><img src="https://h/thumb1.jpg"></p><p>t</p><p><img src="https://h/photo2.jpg"></p><p><img src="https://h/photo3.jpg"></p>`)
	assert.Equal(t, []string{"https://h/full1.jpg", "https://h/photo2.jpg", "https://h/photo3.jpg"}, imageURLs(a))

	// The same thumbnail again keeps the full size; a different one in the
	// same link keeps its own.
	a = parseOK(t, `<a href="https://h/full.jpg"><img src="https://h/t.jpg"><img src="https://h/other.jpg"></a><p>x</p><a href="https://h/full.jpg"><img src="https://h/t.jpg"></a>`)
	assert.Equal(t, []string{"https://h/full.jpg", "https://h/other.jpg"}, imageURLs(a))
}

// A cover that gives no usable URL gives way to the next key.
func TestCoverFallsThrough(t *testing.T) {
	for _, first := range []string{"cover: false", "headimg: /img/loading.gif", "cover: javascript:alert(1)", "cover: data:image/png;base64,AA"} {
		a := parseOK(t, "---\n"+first+"\ntop_img: https://h/top.jpg\nindex_img: https://h/index.jpg\n---\n<p>x</p>")
		require.NotNil(t, a.Cover, first)
		assert.Equal(t, "https://h/top.jpg", a.Cover.URL, first)
	}
	a := parseOK(t, "---\ncover: false\n---\n<p>x</p>")
	assert.Nil(t, a.Cover)
	a = parseOK(t, "---\ncover:\n  path: https://h/p.jpg\n  url: https://h/u.jpg\n---\n<p>x</p>")
	assert.Equal(t, "https://h/p.jpg", a.Cover.URL, "a map gives path, url, src in that order")
}

// Image URLs: relative proxies, ?url= on proxies only, WHATWG repairs,
// paths kept as the proxy carried them.
func TestImageURLRepairs(t *testing.T) {
	cases := []struct{ src, want string }{
		{"/_next/image?url=https%3A%2F%2Fcdn.example.com%2Fa.jpg&w=1080", "https://cdn.example.com/a.jpg"},
		{"/cdn-cgi/image/width=100/https://host.example/b.jpg", "https://host.example/b.jpg"},
		{"https://h/photo.jpg?url=https://example.com/page", "https://h/photo.jpg?url=https://example.com/page"},
		{"https://t1.gstatic.com/faviconV2?client=SOCIAL&url=https://example.com&size=64", "https://t1.gstatic.com/faviconV2?client=SOCIAL&url=https://example.com&size=64"},
		{"https://api.pwmqr.com/qrcode/create/?url=https://example.com/post", "https://api.pwmqr.com/qrcode/create/?url=https://example.com/post"},
		{"https://thumb.example.com/t.php?src=https://img.example.com/a.jpg", "https://img.example.com/a.jpg"},
		{"https://reader.example.com/get?url=https%3A%2F%2Fmmbiz.qpic.cn%2Fmmbiz_png%2Fabc%2F640", "https://mmbiz.qpic.cn/mmbiz_png/abc/640"},
		{"https://h/a\n.jpg", "https://h/a.jpg"},
		{"https://h/\tb\r\n.jpg", "https://h/b.jpg"},
		{"http:/host/a.jpg", "http://host/a.jpg"},
		{"https:///host/b.jpg", "https://host/b.jpg"},
		{"https://i2.wp.com/img.example.cn/截图6.webp?ssl=1", "https://img.example.cn/截图6.webp"},
		{"https://proxy.example/https://img.example.cn/图片 1.png", "https://img.example.cn/图片%201.png"},
		{"https://substackcdn.com/image/fetch/w_1456,c_limit/https%3A%2F%2Fhost.example%2Fa.png", "https://host.example/a.png"},
		{"https://i0.wp.com/img.example.com/a.jpg?w=800&is-pending-load=1", "http://img.example.com/a.jpg"},
	}
	for _, c := range cases {
		a := parseOK(t, `<p><img src="`+c.src+`"></p>`)
		assert.Equal(t, []string{c.want}, imageURLs(a), c.src)
	}
	// Relative URLs against a base keep their path as written.
	a := parseOK(t, `<img src="../img/截图 2.png">`, WithBaseURL("https://blog.example.com/posts/a/"))
	assert.Equal(t, []string{"https://blog.example.com/posts/img/截图%202.png"}, imageURLs(a))
}

// A <noscript> fills the URL-less <img> just before it, in the same run,
// and the image stands where that <img> stands.
func TestNoscriptFillsPrecedingImage(t *testing.T) {
	a := parseOK(t, `<p><img src="data:,">芯<noscript><img src="https://h/x.png"></noscript>g</p>`)
	require.Len(t, a.Blocks, 2)
	assert.Equal(t, KindImage, a.Blocks[0].Kind)
	assert.Equal(t, "https://h/x.png", a.Blocks[0].Image.URL)
	assert.Equal(t, "芯g", a.Blocks[1].Text)

	a = parseOK(t, `<p>a <img src="data:,">b<noscript><img src="https://h/x.png"></noscript> c</p>`)
	assert.Equal(t, []string{"a", "b c"}, a.Paragraphs)
	assert.Equal(t, KindImage, a.Blocks[1].Kind)

	a = parseOK(t, `<p><img src="https://t.example/pixel.gif" width="1" height="1">Tracking.</p><p>Two.</p><p>Three.<noscript><img src="https://h/late.jpg"></noscript></p>`)
	assert.Empty(t, a.Images, "a <noscript> several blocks later fills nothing")
	assert.Equal(t, []string{"Tracking.", "Two.", "Three."}, a.Paragraphs)
}

// A figcaption with block children, or <br> runs, is the caption.
func TestFigcaptionWithBlocksIsCaption(t *testing.T) {
	a := parseOK(t, `<figure><img src="https://h/a.jpg"><figcaption><p>The caption</p></figcaption></figure>`)
	require.Len(t, a.Images, 1)
	assert.Equal(t, "The caption", a.Images[0].Caption)
	assert.Equal(t, []string{"The caption"}, a.Paragraphs)

	a = parseOK(t, `<figure><img src="https://h/a.jpg"><figcaption>L1<br><br>L2</figcaption></figure>`)
	assert.Equal(t, "L1\nL2", a.Images[0].Caption)
	assert.Equal(t, "L1\nL2", a.Blocks[0].Image.Caption)

	a = parseOK(t, `<figure><img src="https://h/a.jpg"><figcaption><p>One</p><p>Two</p></figcaption></figure>`)
	assert.Equal(t, "One\nTwo", a.Images[0].Caption)
	assert.Equal(t, []string{"One\nTwo"}, a.Paragraphs)
}

// An image in a table cell keeps the table whole.
func TestImageInTableCellKeepsTable(t *testing.T) {
	a := parseOK(t, `<table><tr><th>Name</th><th>Pic</th><th>Note</th></tr>
<tr><td>Alice</td><td><img src="https://h/alice.jpg"></td><td>note A</td></tr>
<tr><td>Bob</td><td><img src="https://h/bob.jpg" alt="bob"></td><td>note B</td></tr></table><p>after</p>`)
	require.Len(t, a.Blocks, 4)
	assert.Equal(t, KindTable, a.Blocks[0].Kind)
	assert.Equal(t, [][]string{{"Name", "Pic", "Note"}, {"Alice", "", "note A"}, {"Bob", "bob", "note B"}}, a.Blocks[0].Rows)
	assert.Equal(t, "https://h/alice.jpg", a.Blocks[1].Image.URL)
	assert.Equal(t, "https://h/bob.jpg", a.Blocks[2].Image.URL)
	assert.Equal(t, "after", a.Blocks[3].Text)
}

// A noscript twin in a table cell: its alt joins the cell's text with
// single spaces.
func TestNoscriptTwinInTableCell(t *testing.T) {
	a := parseOK(t, `<table><tr><td>c1 <img src="data:,"><noscript><img src="https://h/t.jpg"></noscript> c1b</td><td>x<img src="data:," alt="A">y<noscript><img src="https://h/u.jpg"></noscript>z</td></tr></table>`)
	assert.Equal(t, [][]string{{"c1 c1b", "x A yz"}}, a.Blocks[0].Rows)
	assert.Equal(t, []string{"https://h/t.jpg", "https://h/u.jpg"}, imageURLs(a))
}

// A false or a number inside a cover list or map is no URL.
func TestCoverFalseInListOrMap(t *testing.T) {
	for _, fm := range []string{"cover: [false]", "cover: {path: false}", "images: [false]", "cover: 0"} {
		a := parseOK(t, "---\n"+fm+"\nbanner: https://h/b.jpg\n---\nx")
		require.NotNil(t, a.Cover, fm)
		assert.Equal(t, "https://h/b.jpg", a.Cover.URL, fm)
	}
}

// Backslashes before the query are slashes, as browsers read them;
// weserv's url= takes a host, not a path; a relative URL that the base
// makes a proxy URL is unwrapped.
func TestBackslashURLsAndRelativeProxies(t *testing.T) {
	cases := []struct{ src, base, want string }{
		{`https:\/\/img.example.com\/uploads\/j.jpg`, "", "https://img.example.com//uploads//j.jpg"},
		{`https:\\img.example.com\a.jpg?q=\x`, "", `https://img.example.com/a.jpg?q=\x`},
		{`\\img.example.com\a.jpg`, "https://blog.example.com/posts/x/", "https://img.example.com/a.jpg"},
		{"https://wsrv.nl/?url=/img/a.jpg", "", "https://wsrv.nl/?url=/img/a.jpg"},
		{"https://images.weserv.nl/?url=./a.jpg", "", "https://images.weserv.nl/?url=./a.jpg"},
		{"http%3A%2F00", "https://base.example.com/dir/", "http://00"},
	}
	for _, c := range cases {
		var opts []Option
		if c.base != "" {
			opts = append(opts, WithBaseURL(c.base))
		}
		a := parseOK(t, `<img src="`+c.src+`">`, opts...)
		assert.Equal(t, []string{c.want}, imageURLs(a), c.src)
	}
}
