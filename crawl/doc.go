// Package crawl discovers and fetches the articles of the configured sites,
// archives every response as WARC and hands new or changed articles to the
// caller. It is the only package of thidua that touches the network.
//
//	src, err := crawl.DefaultSources()
//	c, err := crawl.New(src, "/srv/thidua", crawl.WithArticle(func(p crawl.Page) { ... }))
//	sum, err := c.Run(ctx)
//
// Files:
//   - crawl.go: Page, Summary, Progress and the functional options.
//   - run.go: Crawler, New, Run; the dispatcher (one request per host at a
//     time, a global bound of workers) and the worker's fetch.
//   - settle.go: what a fetch's outcome does to the state: run records
//     (resume after a kill), discovery of links, canonical and duplicate
//     articles, retries, next-night and parking.
//   - state.go: the bbolt state store (<data>/crawl/state.db): URL states,
//     the frontier (key host NUL priority due url) and content hashes.
//   - fetch.go: the colly collector and the archiving transport under it.
//   - robots.go: robots.txt rules per host, kept in the state store, and
//     the sitemaps its Sitemap lines name.
//   - discover.go: document kind, sitemap and feed parsing, HTML links,
//     rel=canonical, main text and content hash.
//   - decode.go: charset decoding of bodies through normalize.Decode.
//   - canon.go: canonical URLs and crawler-trap rules.
//   - backoff.go: capped exponential backoff with full jitter, Retry-After.
//   - sources.go, sources.toml: the sources file and the shipped default.
//   - archive.go: ReadArchive, pages read back from the WARC archive.
//
// What colly does: per-host requests with a delay and random extra delay
// (one LimitRule per host: Parallelism 1 unless WithHostParallelism), the
// request timeout (http.Client.Timeout, body included), following
// redirects with thidua's loop check (SetRedirectHandler), the conditional
// request headers set in OnRequest, 4xx/5xx responses delivered to
// OnResponse (ParseHTTPErrorResponse).
//
// What thidua adds: robots.txt (robots.go; colly's check is off), fetched
// once per host and night through the archiving transport, recorded in the
// state store like any URL together with its body, so that a resumed run
// reads it from there and the next night asks with a conditional request;
// the frontier and the visited set in bbolt rather than
// colly's in-memory store (AllowURLRevisit = true; colly never decides what
// is new); the global bound (workers calling the collector synchronously,
// since colly's Async bounds only per domain); the archiving transport,
// which reads each body up to the limit (a longer body is cut, archived with
// WARC-Truncated and reported as too-large: never held past the bound),
// writes WARC request and response records for every hop, each with
// WARC-IP-Address (the remote address of the connection that served it,
// from httptrace's GotConn; left out when a proxy was used), and keeps the
// bytes as received: colly re-encodes a body whose Content-Type names a
// charset even with DetectCharset = false, so crawl decodes the raw bytes
// itself (windows-1258 included); retries with backoff and Retry-After,
// next-night retries and parking; canonical URLs, rel=canonical, content
// hashes; sitemaps and feeds before listings before link crawl; traps.
//
// Sitemaps named by robots.txt: when a host's robots.txt is fetched or
// revalidated (304), its Sitemap lines are discovered in the transaction
// that records it (a resumed run, which reads the file from the store, has
// them queued). A line is followed when, once canonical, it names a host of
// the same site with the same registrable domain (eTLD+1) as the
// robots.txt's host; lines to other sites or domains are ignored, repeats
// are one URL, at most 50 are queued from the first 1,000 lines. They then
// go through the site's rules like any sitemap: never patterns, robots.txt
// (checked at fetch), --since on their entries, --dry-run; a known one is
// not added again but revisited conditionally, as sitemaps are, each night
// robots.txt names it. Such a sitemap that answers 404 or 410 is the site's
// stale hint: counted as "sitemap-missing", which Summary.ErrorCount leaves
// out, and asked again the next night.
//
// Durability: a URL is marked done in the same bbolt transaction that
// records its WARC location, after the records were written (the WARC
// writer writes each record with write(2), unbuffered); pages settled at
// the same moment share that transaction (bbolt Batch, one commit). bbolt runs with
// NoSync and is synced when the run ends: a killed process loses nothing;
// a power cut may lose the last pages' state, which are then fetched
// again. A run that is killed is resumed by the next start (within 12 h):
// the frontier is in the store, fetches in flight at the kill are
// repeated, nothing else. A new or changed article is reported to
// WithArticle inside that transaction, before the commit: at least once.
package crawl
