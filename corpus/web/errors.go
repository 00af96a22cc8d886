package web

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/thidua/thidua/corpus"
)

// apiError is the JSON body of an error.
type apiError struct {
	Error errorBody `json:"error"`
}

type errorBody struct {
	Status  int    `json:"status"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// writeError answers with a JSON error.
func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, apiError{errorBody{Status: status, Code: code, Message: msg}})
}

// writeCorpusError maps a corpus error to a status: what the caller asked
// for is wrong (400), the corpus cannot answer now (503: a writer holds
// the store, or the index is missing), or the server failed (500, without
// the details).
func writeCorpusError(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, corpus.ErrUnknownUnit):
		writeError(w, http.StatusBadRequest, "unknown_unit", err.Error())
	case errors.Is(err, corpus.ErrUnknownProvince):
		writeError(w, http.StatusBadRequest, "unknown_province", err.Error())
	case errors.Is(err, corpus.ErrBadQuery):
		writeError(w, http.StatusBadRequest, "bad_query", err.Error())
	case errors.Is(err, corpus.ErrBadOptions):
		writeError(w, http.StatusBadRequest, "bad_options", err.Error())
	case errors.Is(err, corpus.ErrBusy):
		w.Header().Set("Retry-After", "5")
		writeError(w, http.StatusServiceUnavailable, "busy",
			"the records are being updated (a nightly run or an import): try again shortly")
	case errors.Is(err, corpus.ErrNoIndex):
		writeError(w, http.StatusServiceUnavailable, "no_index",
			"searching needs the index, which is missing: it is rebuilt by the next write (thidua reindex)")
	default:
		writeError(w, http.StatusInternalServerError, "internal", "the corpus could not answer")
	}
}

// writeJSON writes v as JSON; encoding/json escapes <, > and & so that
// crawled text never reads as markup even if sniffed.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v) // the client has gone; nothing else to tell it
}
