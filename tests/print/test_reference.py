#!/usr/bin/python3
"""test_reference.py PRESSCUT REPO - the founding article's PDF pages look
as they did.

Typesets examples/crocus-article.txt three ways (the defaults; with
--who-said-what, quotes marked in colour and the appendix; with --marks
grey), renders every page with pdftoppm (poppler) at 60 dpi and compares
it with the reference PNGs in docs/img/ (crocus-page1.png, ...,
crocus-wsw-page1.png, ..., crocus-grey-page1.png): the same number of
pages, the same size, and per page at most MAX_MEAN mean difference (0 to
255) and at most MAX_FAR of the pixels differing by more than FAR.  A
change of layout (a line more or less on a page, a moved heading, other
marks) is far above that; a font's hinting on another machine is not.

PC_UPDATE_REFERENCE=1 writes the references instead (then look at them
and commit them when the change is meant).  Pages are stored with a
palette of 64 colours to keep the files small; the rendered pages go
through the same quantisation before the comparison.

Needs /usr/bin/python3 with PIL and numpy (Debian python3-pil,
python3-numpy) and poppler-utils; without them it exits 77 (skip).
"""
import glob
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import check, report, scaled  # noqa: E402

try:
    import numpy
    from PIL import Image
except ImportError:
    print("SKIP: no PIL or numpy for /usr/bin/python3")
    sys.exit(77)

DPI = 60
MAX_MEAN = 1.5
FAR = 96
MAX_FAR = 0.004
# the variants: file name prefix -> options
VARIANTS = [("crocus-page", []),
            ("crocus-wsw-page", ["--who-said-what"]),
            ("crocus-grey-page", ["--marks", "grey"])]
# a fixed date: the metadata, never the pages, holds it
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1711929600")


def quantised(path):
    """The page as the references keep it: 64 colours, back to RGB."""
    with Image.open(path) as im:
        q = im.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT,
                                       dither=Image.Dither.NONE)
    return q


def render(presscut, seed, opts, tmp, name):
    pdf = os.path.join(tmp, name + ".pdf")
    r = subprocess.run([presscut, "pdf"] + opts + [seed, "-o", pdf],
                       capture_output=True, env=ENV, timeout=scaled(120))
    if r.returncode != 0:
        return None, r.stderr.decode()
    stem = os.path.join(tmp, name)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", pdf, stem],
                   check=True, timeout=scaled(120))
    # pdftoppm numbers pages with as many digits as the last needs
    pages = sorted(glob.glob(stem + "-*.png"),
                   key=lambda p: int(p.rsplit("-", 1)[1][:-4]))
    return pages, ""


def compare(got, ref_path):
    """(mean difference, share of far pixels), or None when sizes differ."""
    with Image.open(ref_path) as ref:
        a = numpy.asarray(ref.convert("RGB"), dtype=numpy.int16)
    b = numpy.asarray(got.convert("RGB"), dtype=numpy.int16)
    if a.shape != b.shape:
        return None
    d = numpy.abs(a - b).max(axis=2)
    return float(d.mean()), float((d > FAR).mean())


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    presscut, repo = sys.argv[1], sys.argv[2]
    seed = os.path.join(repo, "examples", "crocus-article.txt")
    img = os.path.join(repo, "docs", "img")
    update = os.environ.get("PC_UPDATE_REFERENCE") == "1"
    with tempfile.TemporaryDirectory() as tmp:
        for prefix, opts in VARIANTS:
            pages, err = render(presscut, seed, opts, tmp, prefix)
            check(f"{prefix}: presscut pdf {' '.join(opts)} exits 0",
                  pages is not None, err)
            if pages is None:
                continue
            refs = sorted(glob.glob(os.path.join(img, prefix + "[0-9]*.png")))
            if update:
                for old in refs:
                    os.remove(old)
                for i, p in enumerate(pages, 1):
                    quantised(p).save(os.path.join(img, f"{prefix}{i}.png"),
                                      optimize=True)
                print(f"wrote {len(pages)} pages as docs/img/{prefix}N.png")
                continue
            check(f"{prefix}: {len(pages)} pages, as the references",
                  len(pages) == len(refs),
                  f"{len(refs)} references (PC_UPDATE_REFERENCE=1 to renew)")
            for i, p in enumerate(pages, 1):
                ref = os.path.join(img, f"{prefix}{i}.png")
                if not os.path.exists(ref):
                    continue
                res = compare(quantised(p), ref)
                check(f"{prefix}{i}: same size", res is not None)
                if res is None:
                    continue
                mean, far = res
                check(f"{prefix}{i}: looks the same (mean {mean:.2f}, "
                      f"far {far:.4f})", mean <= MAX_MEAN and far <= MAX_FAR,
                      "the layout changed: look at the page, then "
                      "PC_UPDATE_REFERENCE=1 if it is meant")
    return report()


if __name__ == "__main__":
    sys.exit(main())
