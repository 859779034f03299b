package postextract

import (
	"bytes"
	"encoding/json"
	"io"
	"io/fs"
	"path"
	"strings"

	"go.yaml.in/yaml/v3"
)

// siteSignal is a file or folder whose presence in a post's folder, or a
// folder above it, names the post's generator (SPEC "Generators").
type siteSignal struct {
	name string // an entry's name; a trailing "*" matches any rest ("astro.config.*")
	dir  bool   // the entry is a folder
	// gen is the generator it names; for a config file, claims reads the
	// file (and the folder's entries) and names it, or "" for none.
	gen    string
	claims func(f *folder) string
}

// folder is one folder being read: its entries, and the files read of it
// so far, each read once.
type folder struct {
	fsys    fs.FS
	dir     string
	entries map[string]bool // names; a folder's ends in "/"
	kinds   map[string]fs.FileMode
	files   map[string][]byte
	unread  []string // YAML files present that do not decode
}

// file returns the file name of the folder, or nil when it cannot be read
// or is over siteFileLimit.
func (f *folder) file(name string) []byte {
	if b, ok := f.files[name]; ok {
		return b
	}
	var b []byte
	// Only a regular file, or a link to one, is read: opening a named
	// pipe would wait for a writer.
	if k, ok := f.kinds[name]; ok && (k.IsRegular() || k&fs.ModeSymlink != 0) {
		b = readSiteFile(f.fsys, path.Join(f.dir, name))
	}
	if f.files == nil {
		f.files = map[string][]byte{}
	}
	f.files[name] = b
	return b
}

// siteSignals are the site files of every generator, in the order they
// are tried in one folder.
var siteSignals = []siteSignal{
	{name: "hugo.toml", gen: "hugo"},
	{name: "hugo.yaml", gen: "hugo"},
	{name: "hugo.json", gen: "hugo"},
	{name: "config.toml", claims: claimConfigTOML},
	{name: "zola.toml", claims: claimConfigTOML},
	{name: "config.yaml", claims: claimConfigYAML},
	{name: "config.yml", claims: claimConfigYAML},
	{name: "config", dir: true, claims: func(f *folder) string {
		if st, err := fs.Stat(f.fsys, path.Join(f.dir, "config/_default")); err == nil && st.IsDir() {
			return "hugo"
		}
		return ""
	}},
	{name: "archetypes", dir: true, claims: func(f *folder) string {
		if f.entries["content/"] {
			return "hugo"
		}
		return ""
	}},
	{name: "_config.yml", claims: claimJekyllConfig},
	{name: "docusaurus.config.*", gen: "docusaurus"},
	{name: "website", dir: true, claims: func(f *folder) string {
		if _, err := fs.Stat(f.fsys, path.Join(f.dir, "website/siteConfig.js")); err == nil {
			return "docusaurus"
		}
		return ""
	}},
	{name: "pelicanconf.py", gen: "pelican"},
	{name: "mkdocs.yml", gen: "mkdocs"},
	{name: ".eleventy.js", gen: "eleventy"},
	{name: "eleventy.config.*", gen: "eleventy"},
	{name: "astro.config.*", gen: "astro"},
	{name: "gatsby-config.*", gen: "gatsby"},
	{name: ".vitepress", dir: true, gen: "vitepress"},
	{name: ".vuepress", dir: true, gen: "vuepress"},
	{name: "quartz.config.*", gen: "obsidian"},
}

// siteFileLimit bounds a site file that is read: a config or authors file
// is small; a larger one is not read.
const siteFileLimit = 1 << 20

// readSiteFile returns the file at name in fsys, or nil when it cannot be
// read, is no regular file or is over siteFileLimit.
//
// A file system that can stat (fs.StatFS, as os.DirFS) is asked first, so
// that a named pipe is never opened.
func readSiteFile(fsys fs.FS, name string) []byte {
	if sfs, ok := fsys.(fs.StatFS); ok {
		if st, err := sfs.Stat(name); err != nil || !st.Mode().IsRegular() || st.Size() > siteFileLimit {
			return nil
		}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() || st.Size() > siteFileLimit {
		return nil
	}
	b, err := io.ReadAll(io.LimitReader(f, siteFileLimit+1))
	if err != nil || len(b) > siteFileLimit {
		return nil
	}
	return b
}

// claimConfigTOML names Hugo for a config.toml with baseURL, Zola for one
// (or zola.toml) with base_url.
func claimConfigTOML(f *folder) string {
	for _, n := range [...]string{"zola.toml", "config.toml"} {
		switch tomlTopKey(f.file(n)) {
		case "base_url":
			return "zola"
		case "baseurl":
			if n == "config.toml" {
				return "hugo"
			}
		}
	}
	return ""
}

// tomlTopKey returns "base_url" or "baseurl" (any case) when b sets that
// key before its first table, where TOML's top-level keys are. The lines
// are read, not the document: a config file's nesting, which costs a
// decoder more than linear time, is nothing to this.
func tomlTopKey(b []byte) string {
	for len(b) > 0 {
		var line []byte
		line, b, _ = bytes.Cut(b, []byte{'\n'})
		line = bytes.TrimLeft(line, " \t\ufeff")
		if len(line) > 0 && line[0] == '[' {
			return "" // a table: no more top-level keys
		}
		key, _, ok := bytes.Cut(line, []byte{'='})
		if !ok {
			continue
		}
		switch k := strings.ToLower(strings.Trim(string(bytes.TrimSpace(key)), `"'`)); k {
		case "base_url", "baseurl":
			return k
		}
	}
	return ""
}

// claimConfigYAML names Hugo for a config.yaml or config.yml with baseURL.
func claimConfigYAML(f *folder) string {
	for _, n := range [...]string{"config.yaml", "config.yml"} {
		if m := yamlMap(f.file(n)); hasKeyFold(m, "baseurl") {
			return "hugo"
		}
	}
	return ""
}

// hexoConfigKeys are keys of a _config.yml that only Hexo's has.
var hexoConfigKeys = []string{"new_post_name", "source_dir", "post_asset_folder"}

// claimJekyllConfig names Hexo for a _config.yml with one of Hexo's own
// keys, or a package.json beside it that names hexo; else Jekyll (and
// Octopress, which is Jekyll).
func claimJekyllConfig(f *folder) string {
	m := yamlMap(f.file("_config.yml"))
	for _, k := range hexoConfigKeys {
		if _, ok := m[k]; ok {
			return "hexo"
		}
	}
	if f.entries["package.json"] {
		var pkg map[string]any
		if json.Unmarshal(f.file("package.json"), &pkg) == nil {
			if _, ok := pkg["hexo"]; ok {
				return "hexo"
			}
			for _, k := range [...]string{"dependencies", "devDependencies"} {
				if deps, ok := pkg[k].(map[string]any); ok {
					if _, ok := deps["hexo"]; ok {
						return "hexo"
					}
				}
			}
		}
	}
	return "jekyll"
}

// yamlMap decodes a YAML mapping, or returns nil. Tags it does not know
// (mkdocs.yml's !!python/name:…) are read as the strings they tag.
func yamlMap(b []byte) map[string]any {
	m, _ := readYAMLMap(b)
	return m
}

// readYAMLMap is yamlMap that also reports whether b, when not empty,
// decoded as a mapping.
func readYAMLMap(b []byte) (map[string]any, bool) {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, true
	}
	var n yaml.Node
	if yaml.Unmarshal(b, &n) != nil || len(n.Content) == 0 {
		return nil, false
	}
	clearTags(&n, 0)
	var m map[string]any
	if n.Content[0].Decode(&m) != nil {
		return nil, false
	}
	return m, true
}

// yamlFile decodes the YAML file name of the folder, noting it unread
// when it is there but does not decode.
func (f *folder) yamlFile(name string) map[string]any {
	m, ok := readYAMLMap(f.file(name))
	if !ok {
		f.unread = append(f.unread, path.Join(f.dir, name))
	}
	return m
}

// clearTags drops the explicit tags of scalars, so that a tag no decoder
// knows reads as the plain value; depth bounds the walk.
func clearTags(n *yaml.Node, depth int) {
	if depth > 64 {
		return
	}
	if n.Kind == yaml.ScalarNode && strings.HasPrefix(n.Tag, "!") && n.Style&yaml.TaggedStyle != 0 {
		n.Tag, n.Style = "", n.Style&^yaml.TaggedStyle
	}
	for _, c := range n.Content {
		clearTags(c, depth+1)
	}
}

func hasKeyFold(m map[string]any, key string) bool {
	for k := range m {
		if strings.EqualFold(k, key) {
			return true
		}
	}
	return false
}
