package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"

	"github.com/thidua/thidua/corpus"
)

// answerCache keeps the JSON of recent matrix and table answers, keyed by
// the request and the store generation: a Put (a new crawl imported)
// changes the generation, so an answer never outlives the records it was
// built from. It holds at most max entries.
type answerCache struct {
	mu      sync.Mutex
	max     int
	entries map[string][]byte
}

func newAnswerCache(max int) *answerCache {
	if max <= 0 {
		return nil
	}
	return &answerCache{max: max, entries: make(map[string][]byte)}
}

// cached answers r from the cache, or computes the answer with build,
// writes it and keeps it. build returns the value to encode, or writes an
// error itself and returns ok false (errors are not kept).
func (h *handler) cached(w http.ResponseWriter, r *http.Request, c *corpus.Corpus, build func() (v any, ok bool)) {
	ac := h.cache
	var key string
	if ac != nil {
		gen, err := c.Generation()
		if err != nil {
			writeCorpusError(w, err)
			return
		}
		key = strconv.FormatUint(gen, 10) + " " + r.URL.Path + "?" + r.URL.Query().Encode()
		ac.mu.Lock()
		body, hit := ac.entries[key]
		ac.mu.Unlock()
		if hit {
			writeBody(w, body)
			return
		}
	}
	v, ok := build()
	if !ok {
		return
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		writeError(w, http.StatusInternalServerError, "internal", "the answer could not be encoded")
		return
	}
	if ac != nil {
		ac.mu.Lock()
		if len(ac.entries) >= ac.max {
			for k := range ac.entries { // drop any one: answers are cheap to rebuild
				delete(ac.entries, k)
				break
			}
		}
		ac.entries[key] = buf.Bytes()
		ac.mu.Unlock()
	}
	writeBody(w, buf.Bytes())
}

// writeBody writes an encoded JSON answer.
func writeBody(w http.ResponseWriter, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body) // the client has gone; nothing else to tell it
}
