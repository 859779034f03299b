package postextract

// imageState is what the builder keeps about images: the set of URLs in
// Images, the backing store of the image blocks, and the URL-less <img>
// that a <noscript> twin after it may still fill.
type imageState struct {
	seen map[string]bool // Images' URLs, once there are too many to scan
	slab []Image         // backing store for the image blocks' *Image

	pending   bool   // a URL-less <img> in this run
	pendingAt int    // where in the run it stands
	pendAlt   string // its alt, for a table cell
	skipped   int    // <img>s left without a usable URL
}

// image places an image where the source stands: in a table the cell gets
// its alt text and the image follows the table; in the title <h1> the text
// goes on around it; elsewhere it ends the run before it.
func (b *builder) image(img Image, alt string) {
	switch b.mode {
	case modeTable:
		b.text(" " + alt + " ")
		b.table.images = append(b.table.images, img)
		return
	case modeTitle:
	case modeCaption:
		b.flushCaption()
	default:
		b.flush()
	}
	b.addImage(img)
}

// markPending notes a URL-less <img> here, which a <noscript> after it in
// the same run may fill; it is otherwise nothing (no block, no split).
func (b *builder) markPending(alt string) {
	b.dropPending()
	b.images.pending, b.images.pendingAt, b.images.pendAlt = true, len(b.buf), alt
}

// fillPending gives the pending <img> the image its <noscript> twin names.
// The image stands where the <img> stands: the run splits there (in a
// table the cell gets the alt there).
func (b *builder) fillPending(img Image) {
	st := &b.images
	st.pending = false
	at := st.pendingAt
	switch b.mode {
	case modeTable:
		rest, space := append([]byte(nil), b.buf[at:]...), b.space
		b.buf = b.buf[:at]
		b.addText(" "+st.pendAlt+" ", false)
		if len(rest) > 0 {
			if rest[0] == ' ' || rest[0] == '\n' {
				b.space = false
			}
			b.putSpace()
			b.buf = append(b.buf, rest...)
			b.space = space
		}
		b.table.images = append(b.table.images, img)
		return
	case modeTitle:
		b.addImage(img)
		return
	}
	rest, space, spans := append([]byte(nil), b.buf[at:]...), b.space, b.marks.split(at)
	b.buf = b.buf[:at]
	b.image(img, "")
	b.buf, b.space = append(b.buf, rest...), space
	b.marks.resume(spans)
}

// dropPending forgets a URL-less <img> once no <noscript> can fill it: at
// the end of its run.
func (b *builder) dropPending() {
	if b.images.pending {
		b.images.pending = false
		b.images.skipped++
	}
}

func (b *builder) addImage(img Image) {
	st := &b.images
	ref := imageRef{block: len(b.a.Blocks), image: -1}
	if !b.seenURL(img.URL) {
		ref.image = len(b.a.Images)
		b.a.Images = append(b.a.Images, img)
	}
	if len(st.slab) == cap(st.slab) {
		st.slab = make([]Image, 0, 8)
	}
	st.slab = append(st.slab, img)
	b.a.Blocks = append(b.a.Blocks, Block{Kind: KindImage, Image: &st.slab[len(st.slab)-1]})
	if k := len(b.figures); k > 0 {
		b.figures[k-1].images = append(b.figures[k-1].images, ref)
	}
}

// seenURL reports whether an image with URL u is in Images already, and
// records it. Posts have a few images, scanned; past 16 a set takes over.
func (b *builder) seenURL(u string) bool {
	st, images := &b.images, b.a.Images
	if st.seen == nil && len(images) < 16 {
		for i := range images {
			if images[i].URL == u {
				return true
			}
		}
		return false
	}
	if st.seen == nil {
		st.seen = make(map[string]bool, 2*len(images))
		for i := range images {
			st.seen[images[i].URL] = true
		}
	}
	if st.seen[u] {
		return true
	}
	st.seen[u] = true
	return false
}

// captionImages gives a figure's caption to its images.
func (b *builder) captionImages(f figureCtx) {
	if f.caption == "" {
		return
	}
	for _, r := range f.images {
		b.a.Blocks[r.block].Image.Caption = f.caption
		if r.image >= 0 {
			b.a.Images[r.image].Caption = f.caption
		}
	}
}
