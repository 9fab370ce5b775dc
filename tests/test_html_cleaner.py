from sitroom.clean.article import read_article
from sitroom.sources import make_page

HTML = """<!doctype html><html><head><title>Gao bombing | Desert Post</title>
<meta property="og:title" content="Suicide bomber strikes checkpoint in Gao">
<meta property="article:published_time" content="2013-02-09T08:00:00Z">
<meta name="author" content="Aissata Diallo">
</head><body>
<nav><a href="/">Home</a> <a href="/africa">Africa</a></nav>
<div class="promo">Watch LIVE: news at 7pm</div>
<article>
<h1>Suicide bomber strikes checkpoint in Gao</h1>
<figure><img src="a.jpg"><figcaption>Soldiers guard a checkpoint in Gao, Mali, Feb. 8, 2013.</figcaption></figure>
<p>A man on a motorbike blew himself up at a checkpoint at the northern entrance of Gao on Friday, wounding a soldier, officers said.</p>
<p>It was the first suicide attack in the city since French and Malian troops took it from Islamist fighters two weeks earlier.</p>
<p>MUJAO said in a statement that its fighters carried out the attack and warned of more to come in the region.<sup><a href="#fn1">1</a></sup></p>
<ol class="footnotes"><li id="fn1">Omar Tall, "Gao Braces for Attacks," Niger Valley News, February 5, 2013.</li></ol>
<div class="author-bio"><p>Aissata Diallo is a former radio reporter and a contributor at the Desert Post.</p></div>
</article>
<form class="newsletter"><p>Get our articles delivered to your inbox</p><input placeholder="Email address"><button>Sign Up Now</button></form>
<section id="comments"><h2>2 comments</h2>
<div class="comment"><span class="comment-author">gao_resident</span><div class="comment-body"><p>The checkpoint is near the market. Everyone heard it.</p></div></div>
<div class="comment"><span class="comment-author">Aissata Diallo</span><div class="comment-body"><p>Thanks, we have added the market detail to our notes.</p></div></div>
</section>
<script>alert("never run")</script>
<footer>© 2013 Desert Post. All rights reserved.</footer>
</body></html>"""


def test_html_page_parts():
    a = read_article(make_page(HTML, source="gao.html", format="html"))
    assert a.title == "Suicide bomber strikes checkpoint in Gao"
    assert a.authors == ["Aissata Diallo"]
    assert a.published.isoformat() == "2013-02-09"
    assert len(a.paragraphs) == 3 and a.paragraphs[0].startswith("A man on a motorbike")
    assert a.captions == ["Soldiers guard a checkpoint in Gao, Mali, Feb. 8, 2013."]
    (note,) = a.footnotes
    assert (note.marker, note.author, note.outlet, note.date) == ("1", "Omar Tall", "Niger Valley News", "2013-02-05")
    assert a.author_bio.startswith("Aissata Diallo is a former radio reporter")
    assert [(c.author, c.by_article_author) for c in a.comments] == [("gao_resident", False), ("Aissata Diallo", True)]
    assert any("Get our articles" in line for line in a.boilerplate)
    assert not any("alert" in p for p in a.paragraphs + a.boilerplate)


def test_html_without_text_is_refused():
    import pytest

    from sitroom.errors import PageError

    with pytest.raises(PageError) as caught:
        read_article(make_page("<html><body><nav><a href='/'>Home</a></nav></body></html>", source="empty.html", format="html"))
    assert caught.value.kind == "no_text"
