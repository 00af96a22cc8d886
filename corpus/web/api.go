package web

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/thidua/thidua/corpus"
)

// badParam answers 400 for a parameter error and reports whether it did.
func badParam(w http.ResponseWriter, err error) bool {
	if err == nil {
		return false
	}
	writeError(w, http.StatusBadRequest, "bad_parameter", err.Error())
	return true
}

// query answers /api/query?unit=...: is the unit a member, province by year.
func (h *handler) query(w http.ResponseWriter, r *http.Request, c *corpus.Corpus) {
	q := r.URL.Query()
	unit := q.Get("unit")
	if unit == "" {
		writeError(w, http.StatusBadRequest, "missing_parameter", "web: parameter unit is required")
		return
	}
	f, err := filterParams(q)
	if badParam(w, err) {
		return
	}
	by, err := groupParam(q)
	if badParam(w, err) {
		return
	}
	f.Unit = "" // the unit asked about is not a filter on the records
	h.cached(w, r, c, func() (any, bool) {
		m, err := c.Query(unit, f, by)
		if err != nil {
			writeCorpusError(w, err)
			return nil, false
		}
		return matrixOut{m, trimCells(m.Cells, h.opts.MaxCellRecords)}, true
	})
}

// compare answers /api/compare?year=Y or ?province=P.
func (h *handler) compare(w http.ResponseWriter, r *http.Request, c *corpus.Corpus) {
	q := r.URL.Query()
	f, err := filterParams(q)
	if badParam(w, err) {
		return
	}
	by, err := groupParam(q)
	if badParam(w, err) {
		return
	}
	// year and province choose the comparison; they are not filters here.
	year, err := intParam(q, "year", 0)
	if badParam(w, err) {
		return
	}
	o := corpus.CompareOptions{Year: year, Province: f.Province, By: by, Filter: f}
	if by == corpus.ByProvince2025 && o.Province == "" {
		o.Province = f.Province2025
	}
	o.Filter.Province, o.Filter.Province2025, o.Filter.YearFrom, o.Filter.YearTo = "", "", 0, 0
	if (o.Year == 0) == (o.Province == "") {
		writeError(w, http.StatusBadRequest, "missing_parameter", "web: give exactly one of year and province")
		return
	}
	h.cached(w, r, c, func() (any, bool) {
		t, err := c.Compare(o)
		if err != nil {
			writeCorpusError(w, err)
			return nil, false
		}
		return tableOut{t, trimCells(t.Cells, h.opts.MaxCellRecords)}, true
	})
}

// search answers /api/search?q=...&limit=&offset= with the filters.
func (h *handler) search(w http.ResponseWriter, r *http.Request, c *corpus.Corpus) {
	q := r.URL.Query()
	f, err := filterParams(q)
	if badParam(w, err) {
		return
	}
	limit, err := intParam(q, "limit", 20)
	if badParam(w, err) {
		return
	}
	offset, err := intParam(q, "offset", 0)
	if badParam(w, err) {
		return
	}
	limit = min(max(limit, 1), h.opts.MaxHits)
	res, err := c.Search(q.Get("q"), f, corpus.Page{Limit: limit, Offset: offset, Highlight: "html"})
	if err != nil {
		writeCorpusError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// record answers /api/records/{id}: the record with its evidence and its
// source link (url).
func (h *handler) record(w http.ResponseWriter, r *http.Request, c *corpus.Corpus) {
	id := r.PathValue("id")
	rec, ok, err := c.Get(id)
	if err != nil {
		writeCorpusError(w, err)
		return
	}
	if !ok {
		writeError(w, http.StatusNotFound, "not_found", "web: no record "+strconv.Quote(id))
		return
	}
	writeJSON(w, http.StatusOK, rec)
}

// stats answers /api/stats: counts by province and year, and the time of
// the last change to the store (the last crawl imported).
func (h *handler) stats(w http.ResponseWriter, r *http.Request, c *corpus.Corpus) {
	st, err := c.Stats()
	if err != nil {
		writeCorpusError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

// errTooLarge stops a download past Options.MaxDownload.
var errTooLarge = errors.New("web: download too large")

// capped is a buffer that refuses to grow past max bytes.
type capped struct {
	bytes.Buffer
	max int
}

func (b *capped) Write(p []byte) (int, error) {
	if b.Len()+len(p) > b.max {
		return 0, errTooLarge
	}
	return b.Buffer.Write(p)
}

// download answers /api/download?format=jsonl|csv with the filters: the
// selection as a file. It is built in memory up to MaxDownload, so that an
// error is still an error and not a truncated file.
func (h *handler) download(w http.ResponseWriter, r *http.Request, c *corpus.Corpus) {
	q := r.URL.Query()
	f, err := filterParams(q)
	if badParam(w, err) {
		return
	}
	format := q.Get("format")
	ctype := map[string]string{
		corpus.FormatJSONL: "application/x-ndjson; charset=utf-8",
		corpus.FormatCSV:   "text/csv; charset=utf-8",
	}[format]
	if ctype == "" {
		badParam(w, &paramError{"format", format, errors.New("want jsonl or csv")})
		return
	}
	buf := &capped{max: h.opts.MaxDownload}
	if _, err := c.Dump(buf, f, format); err != nil {
		if errors.Is(err, errTooLarge) {
			writeError(w, http.StatusRequestEntityTooLarge, "too_large",
				"the selection is larger than the server sends at once; narrow the filter")
			return
		}
		writeCorpusError(w, err)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="thidua.`+format+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = io.Copy(w, &buf.Buffer) // the client has gone
	}
}
