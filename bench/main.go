// Command bench compares postextract with what a Go user would use instead
// for blog posts — go-readability v2, go-trafilatura, and a few lines of
// goquery, each behind adrg/frontmatter — and with html.Parse of the same
// bodies, the floor. It prints, per extractor: time per post, MB/s, the
// ratio to the floor, allocations per post, and how many of the posts' real
// image URLs it recovered. The timings are medians of -rounds rounds, each
// of which times every extractor once, in turn; the ratio to the floor is
// taken within each round, and its range is printed beside it.
//
//	go run . [-ref oracle.jsonl] [-rounds 5] DIR...
//
// The reference image URLs come from -ref, JSON lines with "path" and
// "images" as ../shared/eval/oracle.py writes them (an independent reading);
// without it, postextract's own output is the reference.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"text/tabwriter"
	"time"

	"codeberg.org/readeck/go-readability/v2"
	"github.com/PuerkitoBio/goquery"
	"github.com/adrg/frontmatter"
	"github.com/markusmobius/go-trafilatura"
	"github.com/postextract/postextract"
	"golang.org/x/net/html"
)

type post struct {
	path string
	src  []byte
	body []byte
}

// extractor runs one tool over one post and returns the image URLs it found.
type extractor struct {
	name string
	run  func(p post) ([]string, error)
}

var pageURL, _ = url.Parse("https://blog.example.invalid/post/")

func main() {
	ref := flag.String("ref", "", "JSON lines with path and images: the reference image URLs")
	rounds := flag.Int("rounds", 5, "timing rounds: each times every extractor once, in turn; medians are printed")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: bench [-ref oracle.jsonl] DIR...")
		os.Exit(2)
	}
	posts, err := load(flag.Args())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var size int64
	for _, p := range posts {
		size += int64(len(p.src))
	}
	ex, err := postextract.New()
	if err != nil {
		panic(err)
	}
	extractors := contenders(ex)
	want, refName := reference(*ref, posts, ex)
	fmt.Printf("%d posts, %.1f KB, %s/%s, %d CPU, Go %s, %s\n", len(posts), float64(size)/1024,
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version(), time.Now().Format("2006-01-02"))
	fmt.Printf("image reference: %s, %d URLs\n\n", refName, countURLs(want))
	results := timeRounds(extractors, posts, max(*rounds, 1))
	printTable(extractors, results, posts, size, want)
}

// contenders are the extractors timed: the floor (html.Parse alone),
// postextract, and the libraries a user would otherwise pick, each
// returning the image URLs it found.
func contenders(ex *postextract.Extractor) []extractor {
	return []extractor{
		{"html.Parse (floor)", func(p post) ([]string, error) {
			_, err := html.Parse(bytes.NewReader(p.body))
			return nil, err
		}},
		{"postextract", func(p post) ([]string, error) {
			a, err := ex.Parse(p.src)
			if err != nil {
				return nil, err
			}
			urls := make([]string, len(a.Images))
			for i, img := range a.Images {
				urls[i] = img.URL
			}
			return urls, nil
		}},
		{"go-readability v2", withFrontMatter(func(body []byte) ([]string, error) {
			a, err := readability.FromReader(bytes.NewReader(body), pageURL)
			if err != nil {
				return nil, err
			}
			return imgSrcs(a.Node), nil
		})},
		{"go-trafilatura", withFrontMatter(func(body []byte) ([]string, error) {
			r, err := trafilatura.Extract(bytes.NewReader(body), trafilatura.Options{IncludeImages: true, OriginalURL: pageURL})
			if err != nil {
				return nil, err
			}
			return imgSrcs(r.ContentNode), nil
		})},
		{"goquery p+img", withFrontMatter(goqueryImages)},
	}
}

// goqueryImages is the least a goquery user would write: the text of the
// <p>s and the src of the <img>s.
func goqueryImages(body []byte) ([]string, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	var text strings.Builder
	doc.Find("p").Each(func(_ int, s *goquery.Selection) { text.WriteString(s.Text()) })
	var urls []string
	doc.Find("img").Each(func(_ int, s *goquery.Selection) {
		if v, ok := s.Attr("src"); ok {
			urls = append(urls, v)
		}
	})
	return urls, nil
}

// timeRounds times every extractor over all posts, rounds times. Every
// round times each extractor once, in turn: a drift in the machine's load
// then falls on all of them, and the ratio to the floor is taken within a
// round.
func timeRounds(extractors []extractor, posts []post, rounds int) [][]testing.BenchmarkResult {
	results := make([][]testing.BenchmarkResult, len(extractors))
	for range rounds {
		for i, x := range extractors {
			runtime.GC() // start each from the same heap
			results[i] = append(results[i], testing.Benchmark(func(b *testing.B) {
				b.ReportAllocs()
				for range b.N {
					for _, p := range posts {
						_, _ = x.run(p)
					}
				}
			}))
		}
	}
	return results
}

// printTable prints one row an extractor: the median time a post, its
// ratio to the floor with its range over the rounds, allocations, and the
// reference images it found.
func printTable(extractors []extractor, results [][]testing.BenchmarkResult, posts []post, size int64, want map[string][]string) {
	perPost := func(r testing.BenchmarkResult) float64 { return float64(r.NsPerOp()) / float64(len(posts)) }
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "extractor\tµs/post\tMB/s\t× floor\t(range)\tallocs/post\tKB/post\timages found\terrors\t")
	for i, x := range extractors {
		found, errs := 0, 0
		for _, p := range posts {
			urls, err := x.run(p)
			if err != nil {
				errs++
			}
			found += countFound(want[p.path], urls)
		}
		var times, ratios []float64
		for k, r := range results[i] {
			times = append(times, perPost(r))
			ratios = append(ratios, perPost(r)/perPost(results[0][k]))
		}
		images := "—"
		if i > 0 {
			images = fmt.Sprintf("%d/%d", found, countURLs(want))
		}
		res := results[i][0]
		t := median(times)
		fmt.Fprintf(tw, "%s\t%.0f\t%.1f\t%.2f\t%.2f–%.2f\t%d\t%.0f\t%s\t%d\t\n", x.name, t/1e3,
			float64(size)/(t*float64(len(posts))/1e9)/1e6, median(ratios), slices.Min(ratios), slices.Max(ratios),
			res.AllocsPerOp()/int64(len(posts)), float64(res.AllocedBytesPerOp())/float64(len(posts))/1024,
			images, errs)
	}
	tw.Flush()
}

// load reads the posts below the given folders (or files), sorted.
func load(args []string) ([]post, error) {
	var paths []string
	for _, a := range args {
		err := filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				switch strings.ToLower(filepath.Ext(p)) {
				case ".md", ".markdown", ".html", ".htm":
					paths = append(paths, p)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(paths)
	var posts []post
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		body, err := frontMatter(src)
		if err != nil {
			continue // the alternatives cannot read it either; compare on the rest
		}
		if _, err := postextract.Parse(src); err != nil {
			continue
		}
		abs, _ := filepath.Abs(p)
		posts = append(posts, post{path: abs, src: src, body: body})
	}
	return posts, nil
}

// withFrontMatter gives a competitor the post's body after decoding its
// front matter, so that each pays for YAML as a user of it would.
func withFrontMatter(extract func(body []byte) ([]string, error)) func(post) ([]string, error) {
	return func(p post) ([]string, error) {
		body, err := frontMatter(p.src)
		if err != nil {
			return nil, err
		}
		return extract(body)
	}
}

// frontMatter splits a post the way a user of adrg/frontmatter would.
func frontMatter(src []byte) ([]byte, error) {
	var meta map[string]any
	return frontmatter.Parse(bytes.NewReader(bytes.TrimLeft(src, "\n\r\ufeff")), &meta)
}

// imgSrcs lists the src attributes of the images below n.
func imgSrcs(n *html.Node) []string {
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n == nil {
			return
		}
		if n.Type == html.ElementNode && n.Data == "img" {
			for _, a := range n.Attr {
				if a.Key == "src" {
					out = append(out, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func reference(path string, posts []post, ex *postextract.Extractor) (map[string][]string, string) {
	want := map[string][]string{}
	if path == "" {
		for _, p := range posts {
			a, _ := ex.Parse(p.src)
			for _, img := range a.Images {
				want[p.path] = append(want[p.path], img.URL)
			}
		}
		return want, "postextract's own output (pass -ref for an independent one)"
	}
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer f.Close()
	r := bufio.NewReader(f)
	for {
		line, err := r.ReadBytes('\n')
		var o struct {
			Path   string   `json:"path"`
			Images []string `json:"images"`
		}
		if json.Unmarshal(line, &o) == nil {
			abs, _ := filepath.Abs(o.Path)
			want[abs] = o.Images
		}
		if err == io.EOF {
			break
		}
	}
	return want, path
}

// median returns the middle value of xs (the mean of the two middle ones
// for an even count).
func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func countURLs(m map[string][]string) int {
	n := 0
	for _, v := range m {
		n += len(v)
	}
	return n
}

func countFound(want, got []string) int {
	have := map[string]bool{}
	for _, u := range got {
		have[u] = true
	}
	n := 0
	for _, u := range want {
		if have[u] {
			n++
		}
	}
	return n
}
