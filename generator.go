package postextract

import "strings"

// generator is one static-site generator's conventions: the rules that
// differ by generator (SPEC "Generators"), read from this one table. A rule
// that every post follows, whichever generator wrote it, is no field here.
type generator struct {
	name string

	splitTermsOnSpace bool            // jekyll: "categories: jekyll update" is two; the singular key is one item
	notTags           map[string]bool // eleventy: collection names that are no tags
	authorsFile       authorsFile     // docusaurus, mkdocs: authors keys name an entry of this file
	tagsFile          bool            // docusaurus: tags keys name an entry of the blog's tags.yml
	titleFromName     bool            // obsidian: the title key, else the file name; an H1 stays text
	wikiLinksInHTML   bool            // obsidian: [[links]] in raw HTML read as text, as Quartz and Digital Garden rewrite them before parsing
	siteVars          bool            // jekyll: {{ site.X }} reads _config.yml
	liquidInHTML      bool            // jekyll: Liquid tags are read in HTML bodies too
	liquidURLs        bool            // jekyll: {{ "x" | relative_url }} reads x; pullquote drops its {" "} marks
	folderCategory    bool            // pelican: no Category → the post's folder name
	pelicanLinks      bool            // pelican: {static}, {filename}, {attach}, |filename| before a URL
	pathDates         bool            // docusaurus: a date anywhere in the path below the site
	highlightComments bool            // docusaurus: // highlight-next-line … are no code text
	emoji             bool            // vitepress, vuepress: :tada: reads as its emoji
	zolaShortcodes    bool            // zola: {{ f(args) }}, {% f(args) %}…{% end %} and @/ links
}

// authorsFile is where a generator keeps its authors, by key.
type authorsFile uint8

const (
	noAuthorsFile     authorsFile = iota
	docusaurusAuthors             // authors.yml beside the post or above it, up to the blog folder
	mkdocsAuthors                 // .authors.yml in docs/blog/, or mkdocs.yml's authors_file
)

// generators are the generators SPEC names, by Article.Generator. The row
// of a generator with no rule of its own is empty but for its name.
var generators = map[string]*generator{
	"hugo":   {name: "hugo"},
	"hexo":   {name: "hexo"},
	"jekyll": {name: "jekyll", splitTermsOnSpace: true, siteVars: true, liquidInHTML: true, liquidURLs: true},
	"zola":   {name: "zola", zolaShortcodes: true},
	"docusaurus": {name: "docusaurus", authorsFile: docusaurusAuthors, tagsFile: true,
		pathDates: true, highlightComments: true},
	"pelican": {name: "pelican", folderCategory: true, pelicanLinks: true},
	"mkdocs":  {name: "mkdocs", authorsFile: mkdocsAuthors},
	"eleventy": {name: "eleventy",
		notTags: map[string]bool{"all": true, "post": true, "posts": true, "nav": true}},
	"astro":     {name: "astro"},
	"gatsby":    {name: "gatsby"},
	"vitepress": {name: "vitepress", emoji: true},
	"vuepress":  {name: "vuepress", emoji: true},
	"obsidian":  {name: "obsidian", titleFromName: true, wikiLinksInHTML: true},
}

// noGenerator is the row of a post that nothing names a generator for.
var noGenerator = &generator{}

// postSource is where a post was read from: its path, and the site folders
// around it. The zero postSource is a post given as bytes.
type postSource struct {
	name string // the file's base name; "" when there is none
	path string // slash path in its file system, "" when there is none
	// rel is the path below the folder whose site file named the
	// generator (Docusaurus reads dates from it), else path.
	rel  string
	site *siteView  // the site around the post; nil when not read from files
	gen  *generator // the post's generator, decided in parse; never nil after it
}

// pathSignals are the folders of a post's path that name its generator,
// after its site files, .obsidian/ and its front matter (SPEC
// "Generators"), in order.
var pathSignals = []struct {
	folder string // a folder of the path, "/" at both ends
	gen    string
	toml   bool // only with TOML front matter
}{
	{"/source/_posts/", "hexo", false},
	{"/source/_drafts/", "hexo", false},
	{"/_posts/", "jekyll", false},
	{"/_drafts/", "jekyll", false},
	{"/content/", "hugo", true},
}

// decideGenerator returns the generator of a post: the one chosen by
// WithGenerator, else the one its front matter, its site and its path name
// (SPEC "Generators"), else noGenerator.
func (e *Extractor) decideGenerator(fm *frontMatter, src *postSource) *generator {
	if e.generator != "" {
		return generators[e.generator]
	}
	for k := range fm.meta {
		if strings.HasPrefix(k, "dg-") {
			return generators["obsidian"] // Digital Garden, whatever builds the site
		}
	}
	if src.site != nil {
		if src.site.gen != "" {
			return generators[src.site.gen]
		}
		if src.site.obsidian {
			return generators["obsidian"]
		}
	}
	if fm.format == "toml" {
		for _, k := range [...]string{"taxonomies", "extra"} {
			if _, ok := fm.meta[k].(map[string]any); ok {
				return generators["zola"]
			}
		}
	}
	if src.path != "" {
		p := "/" + src.path
		for _, s := range pathSignals {
			if strings.Contains(p, s.folder) && (!s.toml || fm.format == "toml") {
				return generators[s.gen]
			}
		}
	}
	if fm.pelican {
		return generators["pelican"]
	}
	return noGenerator
}
