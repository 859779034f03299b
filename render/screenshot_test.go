package render

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/postextract/postextract"
)

// screenshotPost is the post of docs/reader-page.png: a real post of the
// dev corpus with a cover, categories and images.
const screenshotPost = "../../shared/corpus/dev/cnbeta_35345924739.md"

// TestReaderScreenshot writes docs/reader-page.png: the reader page of
// screenshotPost as headless Chromium shows it. It runs only when
// PE_SCREENSHOT names the output file:
//
//	PE_SCREENSHOT=$PWD/docs/reader-page.png go test -run TestReaderScreenshot ./render
//
// The machine that takes it has no network, so every host name resolves
// to a local HTTPS server that answers each image URL with a stand-in
// image (a gradient of the image's size); the page is written as HTML
// writes it, its URLs unchanged.
func TestReaderScreenshot(t *testing.T) {
	out := os.Getenv("PE_SCREENSHOT")
	if out == "" {
		t.Skip("set PE_SCREENSHOT to the PNG file to write")
	}
	bin := findChromium()
	if bin == "" {
		t.Skip("no Chromium")
	}
	a, err := postextract.ParseFile(screenshotPost)
	if err != nil {
		t.Fatal(err)
	}
	sizes := map[string]image.Point{}
	for _, im := range a.Images {
		if u, err := url.Parse(im.URL); err == nil {
			sizes[u.Path] = image.Pt(im.Width, im.Height)
		}
	}
	var served int
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		size := sizes[r.URL.Path]
		if size.X <= 0 || size.Y <= 0 {
			size = image.Pt(800, 450)
		}
		w.Header().Set("Content-Type", "image/png")
		_ = png.Encode(w, standIn(size.X, size.Y))
		served++
	}))
	defer srv.Close()
	page := filepath.Join(t.TempDir(), "page.html")
	var buf bytes.Buffer
	if err := HTML(&buf, a); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	port := srv.Listener.Addr().String()[strings.LastIndex(srv.Listener.Addr().String(), ":")+1:]
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--hide-scrollbars", "--user-data-dir="+t.TempDir(), "--ignore-certificate-errors",
		"--host-resolver-rules=MAP * 127.0.0.1:"+port, "--window-size=900,1500", "--virtual-time-budget=5000",
		"--screenshot="+out, (&url.URL{Scheme: "file", Path: filepath.ToSlash(page)}).String())
	cmd.WaitDelay = 5 * time.Second
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if served == 0 {
		t.Error("the page asked for no image")
	}
	t.Logf("%s: %d images served", out, served)
}

// standIn is a w×h gradient, a stand-in for an image the machine cannot
// fetch.
func standIn(w, h int) image.Image {
	w, h = min(w, 2000), min(h, 2000)
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(60 + 120*x/w), uint8(90 + 100*y/h), 170, 255})
		}
	}
	return img
}
