package render

import (
	"strings"
	"time"

	"github.com/postextract/postextract"
)

// dateLayout is how the header shows the date to a reader; the <time>
// element carries it in RFC 3339 for machines.
const dateLayout = "2 January 2006"

// writePageHead writes everything up to <body>.
func writePageHead(b *strings.Builder, a *postextract.Article) {
	b.WriteString("<!doctype html>\n<html")
	if lang := htmlLang(a.Lang); lang != "" {
		b.WriteString(` lang="`)
		htmlText.WriteString(b, lang)
		b.WriteString(`"`)
	}
	b.WriteString(">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString(`<meta name="viewport" content="width=device-width, initial-scale=1">` + "\n")
	b.WriteString(`<meta http-equiv="Content-Security-Policy" content="`)
	htmlText.WriteString(b, pageCSP)
	b.WriteString("\">\n")
	b.WriteString(`<meta name="referrer" content="no-referrer">` + "\n")
	b.WriteString("<title>")
	title := titleLine(strings.ToValidUTF8(a.Title, "\uFFFD"))
	if title == "" {
		title = "Untitled"
	}
	htmlText.WriteString(b, title)
	b.WriteString("</title>\n<style>")
	b.WriteString(pageCSS)
	b.WriteString("</style>\n</head>\n")
}

// htmlLang returns lang as a value for the lang attribute when it looks
// like a language tag (zh-CN, en, zh_Hans), else "": a wrong lang
// attribute picks wrong fonts, a missing one only the default.
func htmlLang(lang string) string {
	lang = strings.ReplaceAll(strings.TrimSpace(lang), "_", "-")
	if lang == "" || len(lang) > 35 {
		return ""
	}
	for i, part := range strings.Split(lang, "-") {
		if part == "" || len(part) > 8 || (i == 0 && len(part) < 2) {
			return ""
		}
		for _, c := range []byte(part) {
			letter := c|0x20 >= 'a' && c|0x20 <= 'z'
			if !letter && (i == 0 || c < '0' || c > '9') {
				return ""
			}
		}
	}
	return lang
}

// titleLine joins the lines of s with spaces, for places that hold no line
// break (the <title>). It drops NUL characters too: a browser drops them
// from the body's text but shows U+FFFD for them in a <title>.
func titleLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\x00", "")), " ")
}

// writeArticleHeader writes the title, the date and the updated date,
// the author, the categories and tags, and the post's own URL as a link;
// then the cover, unless the body's first image is the cover.
func writeArticleHeader(b *strings.Builder, a *postextract.Article) {
	b.WriteString("<header>\n")
	if a.Title != "" {
		b.WriteString("<h1>")
		writeHTMLText(b, a.Title)
		b.WriteString("</h1>\n")
	}
	if !a.Date.IsZero() || !a.Updated.IsZero() || a.Author != "" {
		b.WriteString(`<p class="byline">`)
		writeTime(b, "published", a.Date)
		writeTime(b, "updated", a.Updated)
		if a.Author != "" {
			b.WriteString(`<span class="author">`)
			writeHTMLText(b, a.Author)
			b.WriteString("</span>")
		}
		b.WriteString("</p>\n")
	}
	writeTermList(b, "categories", a.Categories)
	writeTermList(b, "tags", a.Tags)
	if ownURL(a.URL) {
		b.WriteString(`<p class="source"><a href="`)
		htmlText.WriteString(b, a.URL)
		b.WriteString(`">`)
		writeHTMLText(b, a.URL)
		b.WriteString("</a></p>\n")
	}
	b.WriteString("</header>\n")
	if a.Cover != nil && a.Cover.URL != "" && !coverFirst(a) {
		b.WriteString(`<figure class="cover">`)
		writeImageHTML(b, a.Cover)
		b.WriteString("</figure>\n")
	}
}

// writeTime writes a <time> of the class for t, unless t is zero.
func writeTime(b *strings.Builder, class string, t time.Time) {
	if t.IsZero() {
		return
	}
	b.WriteString(`<time class="` + class + `" datetime="`)
	htmlText.WriteString(b, t.Format(time.RFC3339))
	b.WriteString(`">`)
	htmlText.WriteString(b, t.Format(dateLayout))
	b.WriteString("</time>")
}

// writeTermList writes a list of categories or tags as a <ul> of the class.
func writeTermList(b *strings.Builder, class string, terms []string) {
	if len(terms) == 0 {
		return
	}
	b.WriteString(`<ul class="` + class + `">`)
	for _, t := range terms {
		b.WriteString("<li>")
		writeHTMLText(b, t)
		b.WriteString("</li>")
	}
	b.WriteString("</ul>\n")
}

// ownURL reports whether the post's own URL is written as a link: an
// absolute http(s) URL.
func ownURL(u string) bool {
	l := strings.ToLower(u)
	return (strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")) && safeURL(u)
}

// coverFirst reports whether the body's first image is the cover, which
// is then not shown above the body too.
func coverFirst(a *postextract.Article) bool {
	for _, blk := range a.Blocks {
		if blk.Kind == postextract.KindImage && blk.Image != nil {
			return blk.Image.URL == a.Cover.URL
		}
	}
	return false
}

// repeatsTitle reports whether the body's first block is a level-1
// heading that says the title again: the page shows the title once.
func repeatsTitle(a *postextract.Article) bool {
	if len(a.Blocks) == 0 || a.Title == "" {
		return false
	}
	first := &a.Blocks[0]
	return first.Kind == postextract.KindHeading && first.Level <= 1 &&
		strings.Join(strings.Fields(first.Text), " ") == strings.Join(strings.Fields(a.Title), " ")
}
