package web

import (
	"net/http"
)

// contentSecurityPolicy allows scripts, styles and requests to this origin
// only: no inline script, no inline style, no eval, no framing.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; " +
	"img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// guard wraps next with what every request goes through: security headers,
// the method check and the query length limit.
func guard(next http.Handler, o Options) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			hd.Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, "method_not_allowed", "only GET and HEAD are answered")
			return
		}
		if len(r.URL.RawQuery) > o.MaxQueryLen || len(r.URL.Path) > o.MaxQueryLen {
			writeError(w, http.StatusRequestURITooLong, "query_too_long", "the query is longer than the server allows")
			return
		}
		next.ServeHTTP(w, r)
	})
}
