package web

import (
	"net/http"

	"github.com/thidua/thidua/corpus"
)

// Options bound what the handler answers; the zero value works.
type Options struct {
	// MaxQueryLen bounds the raw query string, in bytes; 0 means 2048.
	// Longer queries get 414.
	MaxQueryLen int
	// MaxHits bounds the hits of one search page; 0 means 100. A larger
	// limit is lowered to it.
	MaxHits int
	// MaxDownload bounds a download, in bytes; 0 means 32 MiB. A larger
	// selection gets 413 and asks for a narrower filter.
	MaxDownload int
	// MaxCellRecords bounds the record ids listed per cell of a matrix
	// or table; 0 means 20. A cell also says how many it had
	// (records_total) and how many articles.
	MaxCellRecords int
	// CacheEntries is the number of /api/query and /api/compare answers
	// kept, per store generation; 0 means 64, negative turns the cache off.
	CacheEntries int
}

func (o Options) withDefaults() Options {
	if o.MaxQueryLen <= 0 {
		o.MaxQueryLen = 2048
	}
	if o.MaxHits <= 0 {
		o.MaxHits = 100
	}
	if o.MaxDownload <= 0 {
		o.MaxDownload = 32 << 20
	}
	if o.CacheEntries == 0 {
		o.CacheEntries = 64
	}
	if o.MaxCellRecords <= 0 {
		o.MaxCellRecords = 20
	}
	return o
}

// Source gives the handler a corpus for the length of one request: an open
// *corpus.Corpus (held for the server's life), or a *corpus.Shared (opened
// read-only on demand and closed when idle, so that writers such as the
// nightly run get the store between requests).
type Source interface {
	// Acquire returns the corpus and a function that releases it.
	Acquire() (*corpus.Corpus, func(), error)
	// Dir returns the data directory.
	Dir() string
}

// handler serves one corpus.
type handler struct {
	src   Source
	opts  Options
	cache *answerCache // nil when off
}

// corpusFunc answers a request with the corpus acquired for it.
type corpusFunc func(w http.ResponseWriter, r *http.Request, c *corpus.Corpus)

// with acquires the corpus for the length of a request.
func (h *handler) with(fn corpusFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, release, err := h.src.Acquire()
		if err != nil {
			writeCorpusError(w, err)
			return
		}
		defer release()
		fn(w, r, c)
	}
}

// NewHandler returns the read-only API and the page over src. It answers
// only GET and HEAD, sets a Content-Security-Policy that forbids inline
// script, and reports errors as JSON: {"error": {"status", "code",
// "message"}}.
func NewHandler(src Source, opts Options) http.Handler {
	h := &handler{src: src, opts: opts.withDefaults()}
	h.cache = newAnswerCache(h.opts.CacheEntries)
	mux := http.NewServeMux()
	// A GET pattern also matches HEAD.
	mux.HandleFunc("GET /api/query", h.with(h.query))
	mux.HandleFunc("GET /api/compare", h.with(h.compare))
	mux.HandleFunc("GET /api/search", h.with(h.search))
	mux.HandleFunc("GET /api/records/{id}", h.with(h.record))
	mux.HandleFunc("GET /api/stats", h.with(h.stats))
	mux.HandleFunc("GET /api/download", h.with(h.download))
	mux.HandleFunc("GET /api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not_found", "no such endpoint: "+r.URL.Path)
	})
	mux.Handle("GET /", staticHandler())
	return guard(mux, h.opts)
}
