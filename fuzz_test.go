package postextract

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/txtar"
)

// addSeeds adds every fixture post as a seed, plus inputs shaped like the
// known x/net/html and YAML attacks.
func addSeeds(f *testing.F) {
	paths, _ := filepath.Glob("testdata/posts/*")
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err == nil {
			f.Add(b)
		}
	}
	for _, s := range attackSeeds {
		f.Add([]byte(s))
	}
	for _, s := range ruleSeeds {
		f.Add([]byte(s))
	}
	for _, s := range caseInputs("dates") {
		f.Add([]byte("---\ndate: " + s + "\n---\n<p>x</p>"))
	}
	for _, s := range caseInputs("images") {
		f.Add([]byte(s))
	}
}

// caseInputs returns the inputs of testdata/cases/NAME.txtar.
func caseInputs(name string) []string {
	ar, err := txtar.ParseFile(filepath.Join("testdata", "cases", name+".txtar"))
	if err != nil {
		return nil
	}
	var out []string
	for _, f := range ar.Files {
		if !strings.HasSuffix(f.Name, ".want") {
			out = append(out, strings.TrimRight(string(f.Data), "\n"))
		}
	}
	return out
}

// ruleSeeds are shapes that the rule tests hold (front matter fences,
// shortcodes, Markdown constructs), and the inputs that found a rule's edge.
var ruleSeeds = []string{
	"\"title\": \"Hello\",\n\"date\": \"2013/7/13 20:46:25\"\n;;;\n<p>x</p>",
	";;;\n\"title\": \"Hello\"\n;;;\n<p>x</p>",
	"---\ntitle: Tabs\ntags:\n\t- one\n---\n<p>x</p>",
	"----\ntitle: Four\n----\n<p>x</p>",
	"------\ntitle: Odd\n---\n<p>x</p>",
	`<p><a href="https://h/full1.jpg"><img src="https://h/thumb1.jpg"></p><p>t</p><p><img src="https://h/photo2.jpg"></p>`,
	"---\ndate: 999999999999\nupdated: -99999999999\n---\nx",
	"<meta charset=\"gbk\"><p>社区 \xff</p>",
	"<meta charset=\"utf-16\"><p>x \xfe</p>",
	strings.Repeat("<div>", 600) + `<img src="data:,"><noscript><img src="https://h/real.jpg"></noscript>`,
	"---\ndate: 2021-4-7 12:10:50\nupdated: Wed Apr  7 12:10:50 CST 2021\n---\nx",
	"---\ndate: Invalid date\npubDate: Mon, 09 Jan 2017 13:08 UT\n---\nx",
	"---\ncover: false\nheadimg: /img/loading.gif\ntop_img: https://h/t.jpg\n---\nx",
	`<img src="/_next/image?url=https%3A%2F%2Fcdn.example.com%2Fa.jpg&w=1080"><img src="/cdn-cgi/image/width=100/https://host.example/b.jpg">`,
	`<img src="https://h/photo.jpg?url=https://example.com/page"><img src="https://t1.gstatic.com/faviconV2?url=https://example.com">`,
	"<img src=\"https://h/a\n.jpg\"><img src=\"http:/host/a.jpg\"><img src=\"https:///host/b.jpg\">",
	`<p><img src="data:,">芯<noscript><img src="https://h/x.png"></noscript>g</p>`,
	`<figure><img src="https://h/a.jpg"><figcaption><p>Cap</p>L1<br><br>L2</figcaption></figure>`,
	`<table><tr><th>Name</th><th>Pic</th></tr><tr><td>Alice</td><td><img src="https://h/a.jpg" alt="a"></td></tr></table>`,
	`<pre>before<table><tr><td>cell</td></tr></table>after</pre>`,
	"<p>👨\u200d👩\u200d👧 a<br><span><br>b</span> a<br><b> </b><br>b</p>",
	`{"title": 1234567890123456789, "tags": [3.10]}` + "\n<p>x</p>",
	"---\ntitle: 1.0\ntitle: 2.0\n---\nx",
	"+++\ndate = 07:32:00\n+++\nx",
	`<img src="https://i2.wp.com/img.example.cn/截图6.webp?ssl=1">`,
	"<h1>Q<p>P</p></h1><h1>点<br><br>A new</h1><div><title>T</title></div>",
}

// attackSeeds are shapes from parser CVEs and DoS reports: deep nesting,
// foreign content and templates, many attributes, tag soup, alias bombs.
var attackSeeds = []string{
	strings.Repeat("<div>", 600) + "x",
	strings.Repeat("<b>", 3000) + "x" + strings.Repeat("</i>", 100),
	"<svg><template><math><mglyph><style><img src=x>",
	"<math><mtext><table><mglyph><style><!--</style><img title=\"--&gt;&lt;img src=1 onerror=alert(1)&gt;\">",
	"<template><template><select><template><table><tr></template>",
	"<table><select><option><table><td><select>x",
	"<img " + strings.Repeat("a=b ", 2000) + ">",
	"<frameset><svg><foreignObject><p>x",
	"<noscript><noscript><img src=\"https://a.example/x.jpg\"></noscript>",
	"---\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\n",
	"---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n---\n",
	"---\n" + strings.Repeat("[", 5000) + "\n---\n",
	"+++\n" + strings.Repeat("a = [", 500) + "\n+++\n",
	"{" + strings.Repeat("\"a\":{", 500),
	"title: x\n---\n<p>y</p>",
}

func FuzzParse(f *testing.F) {
	addSeeds(f)
	e, err := New(WithMaxBytes(1 << 20))
	if err != nil {
		f.Fatal(err)
	}
	eb, err := New(WithBaseURL("https://base.example.com/dir/"))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, ex := range []*Extractor{e, eb, {}} {
			a, err := ex.Parse(src)
			if err != nil {
				if a != nil {
					t.Fatalf("article with error %v", err)
				}
				continue
			}
			checkInvariants(t, ex, a)
			for _, b := range a.Blocks {
				if !utf8.ValidString(b.Text) {
					t.Fatalf("invalid UTF-8 in block %q", b.Text)
				}
			}
			if _, err := jsonMarshal(a); err != nil {
				t.Fatalf("article does not encode: %v", err)
			}
		}
	})
}

func FuzzFrontMatter(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		fm, err := splitFrontMatter(src, &report{})
		if err != nil {
			if _, ok := err.(*FrontMatterError); !ok {
				t.Fatalf("error %T is not a *FrontMatterError", err)
			}
			return
		}
		if fm.meta == nil && !bytes.Equal(fm.body, src) {
			t.Fatal("no front matter but the body is not the whole input")
		}
		if len(fm.body) > len(src) {
			t.Fatal("body longer than input")
		}
		a, err := Parse(append([]byte("---\ntitle: t\n---\n"), fm.body...))
		if err == nil {
			if _, err := jsonMarshal(a); err != nil {
				t.Fatal(err)
			}
		}
		e := defaultExtractor()
		meta := &Article{}
		e.applyMeta(meta, &fm, &resolver{e: e, rep: &report{}})
		if _, err := jsonMarshal(meta); err != nil {
			t.Fatalf("front matter gives an article that does not encode: %v", err)
		}
	})
}

func FuzzImageURL(f *testing.F) {
	for _, s := range []string{
		"https://cors.zfour.workers.dev/?http://zkres1.myzaker.com/a.jpg",
		"https://images.weserv.nl/?url=ssl:img.example.com/a.jpg",
		"https://i0.wp.com/img.example.com/a.jpg?ssl=1&w=10",
		"https://camo.githubusercontent.com/abc/68747470733a2f2f612e6578616d706c652f612e706e67",
		"https://proxy.example/https:/img.example.com/a.jpg",
		"https://a.example/_next/image?url=%2Fa.png",
		"/_next/image?url=https%3A%2F%2Fcdn.example.com%2Fa.jpg&w=1080",
		"/cdn-cgi/image/width=100/https://host.example/b.jpg",
		"https://h/photo.jpg?url=https://example.com/page",
		"https://t1.gstatic.com/faviconV2?url=https://example.com&size=64",
		"https://api.pwmqr.com/qrcode/create/?url=https://example.com/post",
		"https://i2.wp.com/img.example.cn/截图6.webp?ssl=1",
		"https://substackcdn.com/image/fetch/w_1456/https%3A%2F%2Fhost.example%2Fa.png",
		"https://h/a\n.jpg", "http:/host/a.jpg", "https:///host/b.jpg", "https://h/a b.jpg",
		"//img.example.com/a.jpg", "/relative.jpg", "javascript:alert(1)", "data:,x",
		"https://x/?" + strings.Repeat("https://x/?", 50) + "https://y/a.jpg",
	} {
		f.Add(s)
	}
	for _, s := range caseInputs("urls") {
		f.Add(s)
	}
	e := defaultExtractor()
	f.Fuzz(func(t *testing.T, raw string) {
		// UnwrapPathURL looks for "/h" in the decoded path before it
		// reads the written one: the written one may hold none more.
		if u, err := url.Parse(raw); err == nil {
			if p := rawPath(u); (strings.Contains(p, "/h") || strings.Contains(p, "/H")) &&
				!strings.Contains(u.Path, "/h") && !strings.Contains(u.Path, "/H") {
				t.Fatalf("%q: written path %q holds /h, decoded %q does not", raw, p, u.Path)
			}
		}
		r := &resolver{e: e, rep: &report{}}
		got, ok := r.resolve(raw)
		if !ok {
			return
		}
		if got == "" {
			t.Fatal("empty URL accepted")
		}
		u, err := url.Parse(got)
		if err != nil || !u.IsAbs() {
			return // relative, kept as written with a warning
		}
		if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
			t.Fatalf("%q resolved to non-http(s) %q", raw, got)
		}
		if !usable(got) {
			t.Fatalf("%q resolved to unusable %q", raw, got)
		}
		if e.unwrap(got, u) != got && strings.Count(strings.ToLower(normalizeURL(raw)), "http") <= maxUnwrap {
			t.Fatalf("%q resolved to %q, which still unwraps", raw, got)
		}
		if strings.ContainsAny(got, " \t\n\r") {
			t.Fatalf("%q resolved to %q, with white space in it", raw, got)
		}
		checkNotPageURL(t, raw, got)
	})
}

// markdownSeeds are Markdown bodies: the shapes goldmark had pathological
// inputs for (deep [, >, lists, emphasis), and template tags.
var markdownSeeds = []string{
	strings.Repeat("[", 20000) + "a" + strings.Repeat("]", 20000),
	strings.Repeat("> ", 5000) + "deep quote",
	strings.Repeat("- ", 3000) + "deep list",
	strings.Repeat("*a", 10000),
	strings.Repeat("_a ", 10000) + strings.Repeat("_", 10000),
	strings.Repeat("`", 5000) + "x" + strings.Repeat("`", 4999),
	strings.Repeat("![a](", 5000),
	strings.Repeat("{{< x >}}", 2000) + strings.Repeat("{{< /x >}}", 1000),
	strings.Repeat("{% raw %}", 1000),
	"{{< figure src=\"/a.png\" >}}\n{% asset_img b.png t %}\n![[c.png|300]]\n[[Note|n]]\n> [!note] T\n::: tip\nx\n:::\n",
	"| a | b |\n|---|---|\n| `x` | **y** |\n\n- [ ] t\n\n[^1]\n\n[^1]: f\n",
	"```go\n{{</* x */>}}\n```\n`{% raw %}{{ y }}{% endraw %}`",
	// One mark of a shortcode each: the shortcode pass must not skip them.
	"A lead.\n{: .lead}\n", "See [[Note]].\n", "::: tip\nx\n:::\n", "> [!note] T\n> x\n",
	"{% raw %}x{% endraw %}\n", "{{ .Title }}\n",
	// A reference definition is no heading's text, and a tab after a space
	// indents code.
	"[a]: /u\n===\n    {% img /b.png %}\n", "[a]: /u\n===\n<b>{{x}}</b>\n",
	"a < b\n\n \t{% img /b.png %}\n", "  \tx {{< x >}}\n",
	"x[^1]\n\n[^1]: a\n\n        {% img /b.png %}\n\n```\nc\n```\n",
	"x\n\n-     {% img /b.png %}\n", ">     {{< x >}}\n", // code after a list or quote marker
}

// FuzzMarkdown reads bodies as Markdown: the invariants hold, no known
// template tag is left in plain text, and cost is linear (checkLinearCost:
// the body repeated from 2 KB to 32 KB, a byte's CPU time grows at most
// costGrowth times; the seeds include costPatterns' hostile shapes).
func FuzzMarkdown(f *testing.F) {
	for _, s := range markdownSeeds {
		f.Add(s)
	}
	for _, p := range []string{"md-basics", "tags-hugo", "tags-hexo", "tags-in-code", "obsidian"} {
		if b, err := os.ReadFile(filepath.Join("testdata", "posts", p+".md")); err == nil {
			f.Add(string(b))
		}
	}
	for _, p := range costPatterns {
		f.Add(string(p.make(64)))
	}
	e, err := New(WithFormat(FormatMarkdown), WithMaxBytes(1<<20))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body string) {
		checkShortcodeShortcuts(t, body)
		a, err := e.Parse([]byte(body))
		if err != nil {
			return
		}
		checkInvariants(t, e, a)
		// Cost is linear: the body repeated, a byte costs about the same.
		checkLinearCost(t, markdownParser(e), body)
		if a.Format != FormatMarkdown {
			t.Fatalf("format %q", a.Format)
		}
		// Without code, escapes or raw blocks in the input, no known
		// template tag is left in any text but a code shortcode's, whose
		// content is literal (SPEC), shortcodes written in it included.
		if strings.ContainsAny(body, "`<~\\\t") || strings.Contains(body, "/*") ||
			strings.Contains(body, "raw") || strings.Contains(body, "    ") {
			return
		}
		for _, b := range a.Blocks {
			if b.Kind == KindCode {
				continue
			}
			for i := strings.IndexByte(b.Text, '{'); i >= 0; {
				if tg, ok := scanShortcode(b.Text, i); ok {
					// A tag the input does not hold was formed by joining the
					// text around a removed one ("{{%00000%}%Code%}"): no
					// tag of the post was left.
					if _, known := builtinShortcodes[tg.name]; known && tg.name != "" && tg.kind != synOutput && strings.Contains(body, tg.src) {
						t.Fatalf("template tag %q left in %s text %q", tg.src, b.Kind, b.Text)
					}
					// An output kept as written holds its inside as it is:
					// a "{%" within {{ "…" }} is no tag to Liquid or
					// Nunjucks either (FuzzMarkdown find 374d71dbe6c75f97).
					if tg.kind == synOutput {
						i = tg.end - 1
					}
				}
				j := strings.IndexByte(b.Text[i+1:], '{')
				if j < 0 {
					break
				}
				i += j + 1
			}
		}
	})
}

// FuzzSniff holds the quick scan to the CommonMark parse it stands in for:
// whenever it decides a body, the parse decides the same.
func FuzzSniff(f *testing.F) {
	for _, s := range markdownSeeds {
		f.Add(s)
	}
	for _, p := range postBodies(f, "testdata/posts/*") {
		f.Add(string(p.body))
	}
	for _, s := range []string{
		"<p>a</p>\n\ncode\n    : b(c);\n",
		"<p>x</p>\na | b\n:-- | --:\n",
		"<div>x</div>\n\nt\n: d\n",
		"<p>x</p>\n\nh | i\n:-:|:-:\n",
		"<p>x</p>\n\nterm\n: - item\n",
		"<span>a</span>\n::: tip\nb\n:::\n",
		"<p/p after the x\n", // "/" without ">" starts no HTML block
		"a \\<p>b\n",         // an escaped "<" is no tag
		// What a line that starts with ':' may hide.
		"br\n: writes a line break, \\<br>\n",
		": x `a\n<b>\nc`\n",                   // a code span over lines
		"<b>x</b>\n\n[a\n:b]: /u\n\n[a :b]\n", // a label over lines
		"<b>x</b>\n\n[a\nb]: /u\n\n[a b]\n",
		": x\n<div\tx\n", "::: tip\n<div\tx\n", // goldmark wants a space, not a tab
		"<span>\n<pre>\n\n> q\n</pre>\n", // <pre> inside a one-tag block
		"x\n<span>\n# h\n", "</ span>\n# h\n", "</span/>\n# h\n", "<pre-x>\n# h\n",
		"<!DOCTYPE html>\n<span>\n# h\n", "<?php x ?>\n<b>y</b>\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		// Bodies reach the sniffing decoded: valid UTF-8, no NUL, no CR. Broken
		// bytes become U+FFFD there, and goldmark, unlike CommonMark, reads
		// no raw HTML around one or around a control character: such
		// bodies prove nothing either way.
		body, err := decodeText([]byte(raw), &report{})
		if err != nil || bytes.ContainsRune(body, utf8.RuneError) || countControls(body) > 0 {
			return
		}
		if bytes.IndexByte(body, '\r') >= 0 {
			body = normalizeNewlines(body) // as the data path does before sniffing
		}
		// goldmark's parse of some inputs grows faster than their size (25
		// KB of "![a](" takes it 0.4 s, and this target parses twice):
		// FuzzMarkdown has those; the scan's cases are small.
		if len(body) > 8<<10 {
			return
		}
		// The sniffing as a whole, its block-parse shortcut too, decides
		// as the parse does.
		full := quickVerdictOf(body)
		if md, _ := sniffMarkdown(body); md != full {
			t.Fatalf("sniffing says Markdown %v, the parse %v", md, full)
		}
		v := quickSniff(body)
		if v == sniffUnsure {
			return
		}
		if (v == sniffMarkdownText) != full {
			t.Fatalf("quick scan says Markdown %v, the parse %v", v == sniffMarkdownText, full)
		}
	})
}

// checkShortcodeShortcuts holds the shortcode pass's shortcuts to the work
// they skip: a body without a mark of a tag comes out of the whole pass
// unchanged, and the block parse, when the quick look lets it run, finds
// the code blocks that the whole parse finds (footnote definitions aside:
// the whole parse drops those that nothing refers to, with their code).
func checkShortcodeShortcuts(t *testing.T, body string) {
	t.Helper()
	b := []byte(body)
	if bytes.IndexByte(b, '\r') >= 0 {
		b = normalizeNewlines(b) // as the data path does before the pass
		body = string(b)
	}
	for _, markdown := range []bool{true, false} {
		if !mayHaveShortcodes(b, markdown) {
			if out := expandAll(b, markdown, nil, builtinShortcodes, &postSource{gen: noGenerator}); string(out) != body {
				t.Fatalf("no tag marks (Markdown %v), but the pass makes %q of %q", markdown, out, body)
			}
		}
	}
	if !strings.Contains(body, "[^") {
		blocks, whole := markdownCodeBlocks(body, nil), markdownCodeBlocks(body, parseMarkdown(b))
		if !reflect.DeepEqual(blocks, whole) {
			t.Fatalf("code blocks %v by the block parse, %v by the whole parse, of %q", blocks, whole, body)
		}
	}
}

// TestShortcodeShortcuts runs checkShortcodeShortcuts over every post of both corpora
// and the fixtures.
func TestShortcodeShortcuts(t *testing.T) {
	for _, p := range postBodies(t, allPostGlobs...) {
		checkShortcodeShortcuts(t, string(p.body))
	}
	for _, s := range markdownSeeds {
		checkShortcodeShortcuts(t, s)
	}
}
