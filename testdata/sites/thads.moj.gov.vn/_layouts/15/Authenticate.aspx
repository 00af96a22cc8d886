<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html dir="ltr" lang="vi-VN" xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta http-equiv="X-UA-Compatible" content="IE=10" /><meta name="GENERATOR" content="Microsoft SharePoint" />
<meta http-equiv="Content-type" content="text/html; charset=utf-8" />
<title>Đăng nhập</title>
<link rel="stylesheet" type="text/css" href="/_layouts/15/1066/styles/Themable/corev15.css?rev=OqA%2F4" />
<script type="text/javascript" src="/_layouts/15/init.js?rev=ZBNm6Mf"></script>
<script type="text/javascript">//<![CDATA[
var _spPageContextInfo={webServerRelativeUrl:"\u002f",webTitle:"Đăng nhập",currentLanguage:1066,pageListId:"{a3c2f7a1-5b2e-4f0b-9c77-1e2d4f1a9b10}"};
//]]></script>
</head>
<body>
<div id="ms-designer-ribbon"><div id="s4-ribbonrow"><div id="globalNavBox">
<a href="javascript:;" onclick="document.getElementById('mainContent').focus();" class="ms-skip">Skip Ribbon Commands</a>
<a href="#mainContent" class="ms-skip">Skip to main content</a>
<span class="ms-signInLink"><a id="ctl00_IdWelcome_ExplicitLogin" href="/_layouts/15/Authenticate.aspx?Source=%2F" style="display:inline;">Sign In</a></span>
</div></div></div>
<div id="s4-workspace"><div id="s4-bodyContainer">
<div class="header"><a href="/"><img src="/PublishingImages/banner.jpg" alt="Tổng cục Thi hành án dân sự - Bộ Tư pháp" /></a>
<ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/noidung/tintuc/Lists/TinTuDiaPhuong/AllItems.aspx">Tin từ địa phương</a></li>
<li><a href="/noidung/tintuc/Lists/TinTuDiaPhuong/AllItems.aspx?Page=2">Hoạt động của các Cục</a></li></ul></div>
<div id="contentBox" aria-live="polite" aria-relevant="all"><div id="mainContent" tabindex="-1">
<p>Trang đăng nhập: robots.txt cấm thu thập /_layouts/.</p>
</div></div>
<div class="footer">Cổng thông tin điện tử Tổng cục Thi hành án dân sự - Bộ Tư pháp<br />Địa chỉ: 60 Trần Phú, Ba Đình, Hà Nội</div>
</div></div>
</body>
</html>
