package postextract

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// siteDir is what one folder says of the posts below it, read once.
type siteDir struct {
	once     sync.Once
	gen      string // the generator its site files name, or ""
	git      bool   // it holds .git: the search goes no higher
	obsidian bool   // it holds .obsidian/
	// The files of a site's conventions found in it, decoded.
	config  map[string]any    // jekyll: _config.yml
	authors map[string]string // docusaurus: authors.yml, key → name
	tags    map[string]string // docusaurus: tags.yml, key → label
	mkdocs  map[string]string // mkdocs: the authors of mkdocs.yml's authors file
	unread  []string          // those files that are there but are no YAML mapping
}

// read fills d from the folder dir of fsys.
func (d *siteDir) read(fsys fs.FS, dir string) {
	list, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return
	}
	entries := make(map[string]bool, len(list))
	kinds := make(map[string]fs.FileMode, len(list))
	for _, en := range list {
		n := en.Name()
		kinds[n] = en.Type()
		if en.IsDir() {
			n += "/"
		}
		entries[n] = true
	}
	f := &folder{fsys: fsys, dir: dir, entries: entries, kinds: kinds}
	// A repository's root ends the search; a submodule's .git file, which
	// points into its parent's .git/modules, does not: the site is above.
	d.git = entries[".git/"] || entries[".git"] && !bytes.Contains(f.file(".git"), []byte("/modules/"))
	d.obsidian = entries[".obsidian/"]
	for _, s := range siteSignals {
		if !hasEntry(entries, s.name, s.dir) {
			continue
		}
		g := s.gen
		if s.claims != nil {
			g = s.claims(f)
		}
		if g != "" {
			d.gen = g
			break
		}
	}
	switch d.gen {
	case "jekyll":
		d.config = f.yamlFile("_config.yml")
	case "mkdocs":
		d.mkdocs = mkdocsAuthorsOf(f)
	}
	d.authors = entryNames(f.yamlFile("authors.yml"), "", "name")
	d.tags = entryNames(f.yamlFile("tags.yml"), "", "label")
	d.unread = f.unread
}

// hasEntry reports whether entries hold name, a folder when dir; a name
// ending in "*" matches any name it starts.
func hasEntry(entries map[string]bool, name string, dir bool) bool {
	if dir {
		name += "/"
	}
	if !strings.HasSuffix(name, "*") {
		return entries[name]
	}
	prefix := name[:len(name)-1]
	for n := range entries {
		if strings.HasPrefix(n, prefix) && !strings.HasSuffix(n, "/") {
			return true
		}
	}
	return false
}

// mkdocsAuthorsOf reads the authors file of the MkDocs site in dir: the
// blog plugin's authors_file ("{blog}" is the blog's folder), else
// docs/blog/.authors.yml; its entries sit under an authors: key.
func mkdocsAuthorsOf(f *folder) map[string]string {
	docs, blog, file := "docs", "blog", "{blog}/.authors.yml"
	var find func(v any, depth int)
	find = func(v any, depth int) {
		if depth > 16 {
			return
		}
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if s, ok := x.(string); ok && s != "" {
					switch k {
					case "docs_dir":
						docs = s
					case "blog_dir":
						blog = s
					case "authors_file":
						file = s
					}
				}
				find(x, depth+1)
			}
		case []any:
			for _, x := range v {
				find(x, depth+1)
			}
		}
	}
	find(yamlMap(f.file("mkdocs.yml")), 0)
	file = strings.ReplaceAll(file, "{blog}", path.Join(docs, blog))
	if !strings.HasPrefix(file, docs+"/") && !strings.HasPrefix(file, "./") {
		// authors_file is relative to docs_dir, as the blog plugin reads it.
		if _, err := fs.Stat(f.fsys, path.Join(f.dir, file)); err != nil {
			file = path.Join(docs, file)
		}
	}
	name := path.Join(f.dir, file)
	m, ok := readYAMLMap(readSiteFile(f.fsys, name))
	if !ok {
		f.unread = append(f.unread, name)
	}
	return entryNames(m, "authors", "name")
}

// entryNames reads a decoded YAML file of entries by key (under the key
// under, when it is not "") into key → the entry's field; an entry that is a
// string is its own value.
func entryNames(m map[string]any, under, field string) map[string]string {
	if under != "" {
		m, _ = m[under].(map[string]any)
	}
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		switch v := v.(type) {
		case map[string]any:
			if s, ok := v[field].(string); ok && strings.TrimSpace(s) != "" {
				out[k] = strings.TrimSpace(s)
			}
		case string:
			out[k] = strings.TrimSpace(v)
		}
	}
	return out
}

// siteView is the site around the posts of one folder: the folders above
// it read together.
type siteView struct {
	gen      string // the generator the nearest site file names, or ""
	root     string // the folder of that site file
	obsidian bool   // .obsidian/ in a folder above
	config   map[string]any
	authors  map[string]string // the nearest authors.yml, or the MkDocs authors file
	tags     map[string]string // the nearest tags.yml
	unread   []string          // site files of these that could not be read, for a warning
}

// siteCache reads the folders of one file system once each, for every post
// below them. It is safe for concurrent use.
type siteCache struct {
	fsys  fs.FS
	mu    sync.Mutex
	dirs  map[string]*siteDir
	views map[string]*siteView
}

func newSiteCache(fsys fs.FS) *siteCache {
	return &siteCache{fsys: fsys, dirs: map[string]*siteDir{}, views: map[string]*siteView{}}
}

// dir returns the folder dir, read.
func (c *siteCache) dir(dir string) *siteDir {
	c.mu.Lock()
	d := c.dirs[dir]
	if d == nil {
		d = &siteDir{}
		c.dirs[dir] = d
	}
	c.mu.Unlock()
	d.once.Do(func() { d.read(c.fsys, dir) })
	return d
}

// view returns the site around the post at name: its folder and those
// above it, up to the nearest that holds .git, or the file system's root.
func (c *siteCache) view(name string) *siteView {
	start := path.Dir(name)
	c.mu.Lock()
	v := c.views[start]
	c.mu.Unlock()
	if v != nil {
		return v
	}
	v = &siteView{}
	for dir, depth := start, 0; depth < 64; depth++ {
		d := c.dir(dir)
		if v.gen == "" && d.gen != "" {
			v.gen, v.root, v.config = d.gen, dir, d.config
			if d.mkdocs != nil {
				v.authors = d.mkdocs
			}
		}
		if v.gen == "" || v.root == dir {
			// authors.yml and tags.yml beside the post, or above it up to
			// the site's own folder.
			if v.authors == nil {
				v.authors = d.authors
			}
			if v.tags == nil {
				v.tags = d.tags
			}
			v.unread = append(v.unread, d.unread...)
		}
		v.obsidian = v.obsidian || d.obsidian
		up := path.Dir(dir) // "." and "/" are their own
		if d.git || up == dir {
			break
		}
		dir = up
	}
	if v.gen == "" {
		v.authors, v.tags, v.unread = nil, nil, nil // no site that reads them
	}
	c.mu.Lock()
	c.views[start] = v
	c.mu.Unlock()
	return v
}

// source returns the postSource of the post at name in the cache's file
// system.
func (c *siteCache) source(name string) *postSource {
	v := c.view(name)
	rel := name
	if v.root != "" && v.root != "." {
		if r, ok := strings.CutPrefix(name, strings.TrimSuffix(v.root, "/")+"/"); ok {
			rel = r
		}
	}
	return &postSource{name: path.Base(name), path: name, rel: rel, site: v}
}

// diskFS opens the operating system's files by absolute slash paths, so
// that a post's folders can be read up to the file system's root.
type diskFS struct{}

func (diskFS) Open(name string) (fs.File, error) { return os.Open(filepath.FromSlash(name)) }

// Stat is os.Stat: a site file's kind is known without opening it (a
// named pipe would block the open).
func (diskFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(filepath.FromSlash(name)) }

// diskPath returns the absolute slash path of an operating system's path.
func diskPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	return filepath.ToSlash(abs), nil
}

// applySite reads the post's authors and tags by the files of its site
// (docusaurus: authors.yml and tags.yml; mkdocs: .authors.yml): a key that
// names an entry reads as the entry's name or label; an author key that no
// file names stays as written, with a warning.
func applySite(a *Article, fm *frontMatter, ps *postSource, g *generator, rep *report) {
	if ps.site == nil || g.authorsFile == noAuthorsFile && !g.tagsFile && !g.siteVars {
		return
	}
	for _, f := range ps.site.unread {
		rep.warnf(WarnFrontMatter, f, "site file %s is no YAML mapping: the keys it would name stay as written", f)
	}
	if g.authorsFile != noAuthorsFile && ps.site.authors != nil {
		if k, ok := fm.key("authors"); ok {
			names := stringKeys(fm.meta[k])
			if len(names) > 0 {
				for i, n := range names {
					if name, ok := ps.site.authors[n]; ok {
						names[i] = name
					} else {
						rep.warnf(WarnFrontMatter, n, "no entry of the site's authors file names author %q", n)
					}
				}
				a.Author = strings.Join(names, ", ")
			}
		}
	}
	if g.tagsFile && ps.site.tags != nil {
		for i, t := range a.Tags {
			if label, ok := ps.site.tags[t]; ok {
				a.Tags[i] = label
			}
		}
	}
}

// stringKeys returns the strings of an authors value written as keys: a
// string, or a list of strings; nil when any item is not a string (an
// author written out in full is read by the front-matter keys).
func stringKeys(v any) []string {
	switch v := v.(type) {
	case string:
		if s := strings.TrimSpace(v); s != "" {
			return []string{s}
		}
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			s, ok := x.(string)
			if !ok {
				return nil
			}
			out = append(out, strings.TrimSpace(s))
		}
		return out
	}
	return nil
}
