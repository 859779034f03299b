package postextract

import (
	"golang.org/x/net/html"
)

// enterImg places an <img>'s image where it stands, or, when it has no
// usable URL, remembers where it stands for a <noscript> twin after it.
func (w *walker) enterImg(n *html.Node) bool {
	a := readImgAttrs(n)
	var sources []string
	if k := len(w.pictures); k > 0 {
		sources = w.pictures[k-1]
	}
	u, ok := w.imageURL(&a, sources)
	if !ok {
		w.dropPending()
		w.pending, w.pendingAt, w.pendAlt = true, len(w.buf), a[slotAlt]
		return false
	}
	w.placeImage(newImage(&a, u), a[slotAlt])
	return false
}

// imageURL resolves an <img>'s URL. A wrapping <a href> to an image file is
// the full size of one image only: the parser re-opens an unclosed <a>
// around later content, and those later images keep their own URLs (an
// image with the same own URL shares the href).
func (w *walker) imageURL(a *imgAttrs, sources []string) (string, bool) {
	own, ok := w.res.imageURL(a, "", sources)
	href := ""
	if k := len(w.links); k > 0 {
		href = w.links[k-1]
	}
	if href == "" || !isImageFile(href) {
		return own, ok
	}
	full, okFull := w.res.imageURL(a, href, sources)
	if !okFull || ok && full == own {
		return own, ok
	}
	if w.hrefFirst == nil {
		w.hrefFirst = map[string]string{}
	}
	first, seen := w.hrefFirst[full]
	if !seen {
		w.hrefFirst[full] = own
		return full, true
	}
	if first == own {
		return full, true
	}
	return own, ok
}

// placeImage puts an image where the walk stands: in a table, the cell
// gets its alt text and the image follows the table; in the title <h1> the
// text goes on around it; elsewhere it ends the run before it.
func (w *walker) placeImage(img Image, alt string) {
	switch w.mode {
	case modeTable:
		w.text(" " + alt + " ")
		w.tableImages = append(w.tableImages, img)
		return
	case modeTitle:
	case modeCaption:
		w.flushCaption()
	default:
		w.flush()
	}
	w.addImage(img)
}

// fillPending gives the URL-less <img> before a <noscript> the URL of the
// <noscript>'s <img>. The image stands where the first <img> stands: the
// run splits there, not at the <noscript>.
func (w *walker) fillPending(n *html.Node) {
	a := readImgAttrs(n)
	u, ok := w.res.imageURL(&a, "", nil)
	if !ok {
		return
	}
	w.pending = false
	img, at := newImage(&a, u), w.pendingAt
	if w.mode == modeTable {
		alt := []byte(" " + w.pendAlt + " ")
		w.buf = append(w.buf[:at], append(alt, w.buf[at:]...)...)
		w.tableImages = append(w.tableImages, img)
		return
	}
	if w.mode == modeTitle {
		w.addImage(img)
		return
	}
	rest := append([]byte(nil), w.buf[at:]...)
	space := w.space
	w.buf = w.buf[:at]
	w.placeImage(img, "")
	w.buf, w.space = append(w.buf, rest...), space
}

// dropPending forgets a URL-less <img> once no <noscript> can fill it: at
// the end of its run.
func (w *walker) dropPending() {
	if w.pending {
		w.pending = false
		w.skipped++
	}
}

func (w *walker) addImage(img Image) {
	ref := imageRef{block: len(w.a.Blocks), image: -1}
	if !w.seenURL(img.URL) {
		ref.image = len(w.a.Images)
		w.a.Images = append(w.a.Images, img)
	}
	if len(w.slab) == cap(w.slab) {
		w.slab = make([]Image, 0, 8)
	}
	w.slab = append(w.slab, img)
	w.a.Blocks = append(w.a.Blocks, Block{Kind: KindImage, Image: &w.slab[len(w.slab)-1]})
	if k := len(w.figures); k > 0 {
		w.figures[k-1].images = append(w.figures[k-1].images, ref)
	}
}

// seenURL reports whether an image with URL u is in a.Images already, and
// records it. Posts have a few images, scanned; past 16 a set takes over.
func (w *walker) seenURL(u string) bool {
	if w.seen == nil && len(w.a.Images) < 16 {
		for i := range w.a.Images {
			if w.a.Images[i].URL == u {
				return true
			}
		}
		return false
	}
	if w.seen == nil {
		w.seen = make(map[string]bool, 2*len(w.a.Images))
		for i := range w.a.Images {
			w.seen[w.a.Images[i].URL] = true
		}
	}
	if w.seen[u] {
		return true
	}
	w.seen[u] = true
	return false
}

// closeFigure gives the figure's caption to its images.
func (w *walker) closeFigure(f figureCtx) {
	if f.caption == "" {
		return
	}
	for _, r := range f.images {
		w.a.Blocks[r.block].Image.Caption = f.caption
		if r.image >= 0 {
			w.a.Images[r.image].Caption = f.caption
		}
	}
}
