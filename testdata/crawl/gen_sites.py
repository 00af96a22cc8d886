#!/usr/bin/env python3
"""Writes testdata/crawl/sites: four small fixture sites in the styles of the
gold documents, served by crawl/testsite in crawl's tests. Run from this
directory; the output is committed."""
import os, unicodedata, shutil

ROOT = "sites"
shutil.rmtree(ROOT, ignore_errors=True)

def w(path, text, enc="utf-8"):
    p = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(text.encode(enc) if isinstance(text, str) else text)

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
def cp1258(s):
    out = []  # clusters: [base with its non-tone marks, tone marks]
    for ch in unicodedata.normalize("NFD", s):
        if unicodedata.combining(ch) and out:
            if ch in TONES:
                out[-1][1] += ch
            else:
                out[-1][0] = unicodedata.normalize("NFC", out[-1][0] + ch)
        else:
            out.append([ch, ""])
    # tone marks stay combining; base letters with hats/horns/breves composed
    return "".join(b + t for b, t in out).encode("cp1258")

PARAS = [
    "Sáng nay, Khối thi đua Nội chính tỉnh tổ chức hội nghị ký kết giao ước thi đua năm {y}.",
    "Khối gồm 9 đơn vị: Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh, Viện Kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh, Sở Tư pháp, Cục Thi hành án dân sự tỉnh, Thanh tra tỉnh.",
    "Năm {y}, Khối thống nhất chủ đề “Đoàn kết, kỷ cương, đổi mới, hiệu quả” và bài số {n}.",
]
def text(n, y=2024):
    return [p.format(y=y, n=n) for p in PARAS]

# 1. Provincial newspaper with photo captions: baonghean.vn
H = "baonghean.vn"
w(H + "/robots.txt", "User-agent: *\nDisallow: /admin/\nSitemap: https://baonghean.vn/sitemap.xml\n")
arts = [(100 + i, f"khoi-thi-dua-noi-chinh-bai-{100+i}") for i in range(12)]
def nghean_article(n, slug, body_paras, broken=False):
    ps = "".join(f"<p>{p}</p>\n" for p in body_paras)
    html = f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Bài {n} - Báo Nghệ An</title>
<link rel="canonical" href="https://baonghean.vn/{slug}-{n}.html?utm_source=rss"></head>
<body><header><a href="/">Trang chủ</a> <a href="/thoi-su">Thời sự</a> <a href="/tag/noi-chinh">#Nội chính</a></header>
<article class="detail"><h1 class="article-title">Khối thi đua Nội chính: bài {n}</h1>
<span class="time">19/03/2024 17:01</span>
<figure><img src="/img/{n}.jpg" alt=""><figcaption>Các đại biểu ký kết giao ước thi đua. Ảnh: PV</figcaption></figure>
<div class="article-body">
{ps}</div></article>
<aside><a href="/{arts[(n-99)%12][1]}-{arts[(n-99)%12][0]}.html">Tin liên quan</a> <a href="/admin/sua-bai?id={n}">Sửa</a></aside>
</body></html>"""
    if broken:
        html = html.replace("</div></article>", "<p><b>chưa đóng <i>thẻ</div>").replace("</body></html>", "<table><tr><td>")
    return html
for i, (n, slug) in enumerate(arts):
    w(f"{H}/{slug}-{n}.html", nghean_article(n, slug, text(n), broken=(i == 3)))
def nghean_listing(page, items, last):
    links = "".join(f'<li><a href="/{s}-{n}.html#top">Bài {n}</a></li>\n' for n, s in items)
    nav = f'<a class="next" href="/thoi-su/trang-{page+1}">Trang sau</a>' if not last else ""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Thời sự trang {page}</title></head>
<body><ul class="list">{links}</ul>{nav} <a href="/lich?ngay=2024-01-01">Lịch</a></body></html>"""
w(f"{H}/thoi-su/index.html", nghean_listing(1, arts[:6], False))
w(f"{H}/thoi-su/trang-2/index.html", nghean_listing(2, arts[6:], True))
rss_items = "".join(f"<item><title>Bài {n}</title><link>https://baonghean.vn/{s}-{n}.html?utm_medium=rss</link><pubDate>Tue, 19 Mar 2024 17:01:00 +0700</pubDate></item>\n" for n, s in arts[:4])
w(f"{H}/rss/thoi-su.rss", f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Thời sự</title>\n{rss_items}</channel></rss>\n')

# 2. National legal newspaper: baophapluat.vn, sitemap index, a syndicated copy
H = "baophapluat.vn"
w(H + "/robots.txt", "User-agent: *\nDisallow:\n")
bpl = [(578200 + i, f"phap-luat/cac-co-quan-khoi-noi-chinh-{i}") for i in range(5)]
def bpl_article(n, slug, paras):
    ps = "".join(f"<p>{p}</p>" for p in paras)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Báo Pháp luật</title></head>
<body><nav><a href="/">Báo Pháp luật Việt Nam</a></nav><div class="main"><h1>Bài {n}</h1>
<div class="sapo"><b>(PLVN)</b></div><div itemprop="articleBody">{ps}</div></div>
<footer><a href="https://baophapluat.vn/lien-he.html">Liên hệ</a></footer></body></html>"""
for n, slug in bpl:
    w(f"{H}/{slug}-{n}.html", bpl_article(n, slug, text(n, 2021)))
# the syndicated copy of baonghean's article 101: same text, other template
w(f"{H}/phap-luat/dong-bai-nghe-an-578299.html", bpl_article(578299, "x", text(101)))
urls = [f"https://baophapluat.vn/{s}-{n}.html" for n, s in bpl] + ["https://baophapluat.vn/phap-luat/dong-bai-nghe-an-578299.html"]
w(f"{H}/sitemaps/articles-1.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
  "".join(f"<url><loc>{u}</loc><lastmod>2024-03-19T10:00:00+07:00</lastmod></url>\n" for u in urls) + "</urlset>\n")
w(f"{H}/sitemap.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
  '<sitemap><loc>https://baophapluat.vn/sitemaps/articles-1.xml</loc><lastmod>2024-03-19T10:00:00+07:00</lastmod></sitemap>\n</sitemapindex>\n')

# 3. SharePoint government portal: thads.moj.gov.vn, calendar trap, robots
H = "thads.moj.gov.vn"
w(H + "/robots.txt", "User-agent: *\nDisallow: /_layouts/\nDisallow: /noidung/tintuc/Lists/TinTuDiaPhuong/View_Detail.aspx?ItemID=4999\n")
w(H + "/.site", "calendar: /noidung/lich/\ncase-insensitive: true\n")
items = [4470 + i for i in range(6)] + [4999]
def sp_page(title, inner):
    return f"""<!DOCTYPE html><html dir="ltr" lang="vi-VN"><head><meta charset="utf-8"><title>{title}</title></head>
<body><form method="post" action="./View_Detail.aspx" id="aspnetForm"><div id="s4-ribbonrow"><a href="/_layouts/15/Authenticate.aspx?Source=%2F">Đăng nhập</a></div>
<div id="s4-workspace"><div id="DeltaPlaceHolderMain">{inner}</div></div></form></body></html>"""
links = "".join(f'<a href="/noidung/tintuc/Lists/TinTuDiaPhuong/View_Detail.aspx?ItemID={i}">Tin {i}</a><br/>' for i in items)
w(f"{H}/noidung/tintuc/Pages/tin-dia-phuong.aspx", sp_page("Tin từ địa phương", links + '<a href="/noidung/lich/?ngay=2024-01-01">Lịch</a>'))
for i in items:
    ps = "".join(f"<p>{p}</p>" for p in text(i, 2020))
    w(f"{H}/noidung/tintuc/Lists/TinTuDiaPhuong/View_Detail.aspx@ItemID={i}",
      sp_page(f"Tin {i}", f'<div class="ms-rtestate-field"><h3 class="title">Tin {i}</h3>{ps}</div>'))

# 4. Procuracy site: vksbinhdinh.gov.vn, classic ASP, windows-1258 page
H = "vksbinhdinh.gov.vn"
w(H + "/robots.txt", "User-agent: *\nDisallow:\n")
vks = [92970 + i for i in range(6)]
def vks_page(n, paras, charset="utf-8"):
    ps = "<br>".join(paras)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"><title>VKSND tỉnh Bình Định</title></head>
<body><table width="100%"><tr><td class="menu"><a href="news.asp?cat1id=2">Tin tức</a></td></tr>
<tr><td class="content"><font class="title">Tin {n}</font><div class="news-content"><p>{ps}</p></div></td></tr></table></body></html>"""
for n in vks[:-1]:
    w(f"{H}/newsdetail.asp@newsID={n}", vks_page(n, text(n, 2023)))
w(f"{H}/newsdetail.asp@newsID={vks[-1]}", cp1258(vks_page(vks[-1], text(vks[-1], 2023), "windows-1258")))
w(f"{H}/newsdetail.asp@newsID={vks[-1]}.headers", "Content-Type: text/html; charset=windows-1258\n")
links = "".join(f'<a href="newsdetail.asp?newsID={n}">Tin {n}</a><br>' for n in vks)
w(f"{H}/news.asp@cat1id=2", f'<html><head><meta charset="utf-8"></head><body>{links}</body></html>')

# home and contact pages, so that the link crawl meets no 404
w("baonghean.vn/index.html", '<html><head><meta charset="utf-8"><title>Báo Nghệ An</title></head><body><a href="/thoi-su">Thời sự</a></body></html>')
w("baophapluat.vn/index.html", '<html><head><meta charset="utf-8"><title>Báo Pháp luật</title></head><body><p>Trang chủ</p></body></html>')
w("baophapluat.vn/lien-he.html", '<html><head><meta charset="utf-8"><title>Liên hệ</title></head><body><p>Liên hệ</p></body></html>')
