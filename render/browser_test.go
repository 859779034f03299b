package render

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/postextract/postextract"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// chromiumNames are the executables tried, in order, on PATH.
var chromiumNames = []string{"chromium", "chromium-headless-shell", "google-chrome"}

// findChromium returns the path of a Chromium executable, or "".
func findChromium() string {
	for _, name := range chromiumNames {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	return ""
}

// dumpDOM loads the file at path in headless Chromium and returns the DOM
// after load, serialised. Host names resolve to nothing, so that the
// posts' remote images fail at once instead of reaching the network.
func dumpDOM(t *testing.T, bin, path string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	cmd := exec.CommandContext(ctx, bin,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--host-resolver-rules=MAP * ~NOTFOUND",
		"--dump-dom", u.String())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	// Chromium's helper processes may outlive a killed browser holding the
	// output pipes; do not wait for them forever.
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.Output()
	if err != nil || len(out) == 0 {
		tail := stderr.String()
		if len(tail) > 2000 {
			tail = tail[len(tail)-2000:]
		}
		t.Fatalf("%s --dump-dom %s: %v (context: %v)\n%s", bin, u.String(), err, ctx.Err(), tail)
	}
	return out
}

// TestBrowserRendering opens the page of every fixture in headless Chromium
// and checks the DOM that Chromium built: the article's text is the
// Article's text, word for word (white space aside), every image block is
// an <img> with its URL and no referrer, and the page passes the same
// checks as in FuzzReaderHTML.
func TestBrowserRendering(t *testing.T) {
	bin := findChromium()
	if bin == "" {
		t.Skip("no Chromium found (chromium, chromium-headless-shell or google-chrome on PATH, or /usr/bin/chromium); " +
			"install it to run this test: apt-get install chromium")
	}
	paths, err := filepath.Glob("../testdata/posts/*")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	// Each run is a whole browser: a few at once, whatever -parallel says.
	slots := make(chan struct{}, min(runtime.GOMAXPROCS(0), 4))
	dir := t.TempDir()
	var rendered int
	for _, p := range paths {
		a, err := postextract.ParseFile(p)
		if err != nil {
			continue // the malformed fixtures: nothing to render
		}
		rendered++
		name := filepath.Base(p)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if err := HTML(&buf, a); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, name+".html")
			if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			slots <- struct{}{}
			out := func() []byte {
				defer func() { <-slots }()
				return dumpDOM(t, bin, file)
			}()
			doc, err := html.Parse(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			art := findElement(doc, atom.Article)
			if art == nil {
				t.Fatalf("no <article> in Chromium's DOM:\n%s", out)
			}

			// (a) The text, white space aside.
			if got, want := squeezeSpace(nodeText(art)), squeezeSpace(wantPageText(a)); got != want {
				t.Errorf("article text in Chromium, white space aside:\ngot  %q\nwant %q", got, want)
			}

			// (b) The images, in order.
			var want []string
			if a.Cover != nil && a.Cover.URL != "" && !coverFirst(a) && safeURL(a.Cover.URL) {
				want = append(want, a.Cover.URL) // above the body
			}
			for _, b := range a.Blocks {
				if b.Kind == postextract.KindImage && b.Image != nil {
					want = append(want, b.Image.URL)
				}
			}
			var got []*html.Node
			for n := range art.Descendants() {
				if n.Type == html.ElementNode && n.DataAtom == atom.Img {
					got = append(got, n)
				}
			}
			if len(got) != len(want) {
				t.Errorf("%d <img> in Chromium's DOM, want one per image block: %d", len(got), len(want))
			}
			for i := range min(len(got), len(want)) {
				if src, _ := attrValue(got[i], "src"); src != want[i] {
					t.Errorf("img %d: src=%q, want %q", i, src, want[i])
				}
				if rp, _ := attrValue(got[i], "referrerpolicy"); rp != "no-referrer" {
					t.Errorf("img %d: referrerpolicy=%q", i, rp)
				}
			}

			checkReaderPage(t, a, string(out), doc)
		})
	}
	if rendered < len(paths)/2 {
		t.Errorf("only %d of %d fixtures parsed", rendered, len(paths))
	}
}

// TestBrowserTextCanFail makes sure that the text comparison of
// TestBrowserRendering sees a word that is missing or moved.
func TestBrowserTextCanFail(t *testing.T) {
	a := &postextract.Article{Title: "T", Blocks: []hBlock{{Kind: kindPara, Text: "one two"}, {Kind: kindPara, Text: "three"}}}
	_, doc := renderPage(t, a)
	art := findElement(doc, atom.Article)
	if squeezeSpace(nodeText(art)) != squeezeSpace(wantPageText(a)) {
		t.Fatal("the page's text differs before any change")
	}
	for _, changed := range [][]hBlock{
		{{Kind: kindPara, Text: "one two"}},
		{{Kind: kindPara, Text: "three"}, {Kind: kindPara, Text: "one two"}},
		{{Kind: kindPara, Text: "one two"}, {Kind: kindPara, Text: "three"}, {Kind: kindCaption, Text: "x"}},
	} {
		b := &postextract.Article{Title: "T", Blocks: changed}
		if squeezeSpace(nodeText(art)) == squeezeSpace(wantPageText(b)) {
			t.Errorf("text of %v matches the page of %v", changed, a.Blocks)
		}
	}
	if strings.Contains(squeezeSpace("a b\tc\n"), " ") {
		t.Error("squeeze kept white space")
	}
}
