// Package testsite serves fixture web sites on a loopback httptest server, so
// that the crawler can be tested (and demonstrated) offline against pages
// that look like the real provincial portals and newspapers it crawls, with
// faults injected on demand.
//
// A site tree is a directory with one folder per host name:
//
//	dir/baonghean.vn/robots.txt
//	dir/baonghean.vn/thoi-su/index.html
//	dir/thads.moj.gov.vn/tuyenquang/noidung/tintuc/Lists/HoatDongCuaCuc/View_Detail.aspx@ItemID=136
//
// Requests are routed by their Host header (port and case ignored). The
// request URI maps to a file by this rule (see [FileName]):
//
//   - the path is URL-decoded; path parameters (";jsessionid=..." and
//     anything else after a ';' in a segment) are dropped, as a servlet or
//     ASP server ignores them;
//   - a path ending in "/" gets "index.html"; a path naming a directory is
//     served from that directory's index.html;
//   - session and tracking query parameters are dropped (sid, jsessionid,
//     phpsessid, aspsessionid, fbclid, gclid, utm_*, case-insensitive);
//   - when a query string remains, "@" and the raw (still escaped) query are
//     appended to the file name, with "/" written as "%2F".
//
// So "/tim-kiem?q=giao+%C6%B0%E1%BB%9Bc" is the file "tim-kiem@q=giao+%C6%B0%E1%BB%9Bc"
// and "/newsdetail.asp;jsessionid=A1?newsID=7&sid=9" is "newsdetail.asp@newsID=7".
//
// The content type comes from a sibling "<file>.headers" file when there is
// one (MIME header lines, "Name: value"), otherwise from the extension of the
// URL path: .html, .htm, .asp, .aspx, .php, .caht and no extension are
// text/html; charset=utf-8, .xml application/xml, .rss application/rss+xml,
// .atom application/atom+xml, .txt text/plain; anything else is sniffed.
// Every 200 response carries a strong ETag (from the SHA-256 of the body) and
// a Last-Modified time taken from the .headers file or, failing that, the
// fixed [DefaultLastModified] (never the file's mtime, so runs are reproducible).
// If-None-Match and If-Modified-Since are answered with 304; HEAD is served.
// Names starting with "." and files ending ".headers" are never served.
//
// A host folder may hold a ".site" file of "name: value" lines:
//
//	# a calendar trap served under this path (see calendar.go)
//	calendar: /lich/
//	# match path segments case-insensitively, as IIS does
//	case-insensitive: true
//
// Files:
//   - testsite.go: Server, New, Options, routing and the request pipeline.
//   - files.go: the URI → file rule, content types, .headers and .site files.
//   - conditional.go: ETag, Last-Modified, 304 and HEAD handling.
//   - cache.go: the ETag and headers of each file served, kept while the
//     file keeps its size and modification time, and the buffers bodies are
//     read into (bodies are read from disk on every request).
//   - fault.go: Fault and SetFault (status, Retry-After, delay, hang, reset,
//     redirect, large generated bodies).
//   - calendar.go: the endless calendar trap.
//   - transport.go: Transport and Client, which send any host to the server.
//   - stats.go: request and byte counters.
//   - mirror.go: Mirror, a generated site of thousands of pages for benchmarks.
//
// The fixture sites themselves live in testdata/sites at the repository root;
// testdata/sites/README.md describes them.
package testsite
