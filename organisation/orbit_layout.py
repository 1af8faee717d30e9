"""The orbit diagram (Gambar 2.2): the unit head in the centre, one ring per pokja, one satellite per person.

Layout and SVG are pure functions of ``selectors.structure(unit, at)``: the same structure gives
byte-identical SVG, so the page, the SVG, PNG and PDF downloads always show the same picture.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from organisation.models import Membership
from organisation.selectors import PokjaView, Structure

WIDTH, HEIGHT = 1460, 1100
CX, CY = 550, 550
HEAD_RADIUS = 64
RING_INNER, RING_OUTER = 104, 300
BELT = 350  # radius of the satellites' circle
LABEL_FONT = 11
LABEL_MAX_CHARS = 26
CHAR_WIDTH = 0.62  # DejaVu Sans' average advance, in em: used to fit text, never to measure it exactly
LEGEND_X = 1110
LEGEND_NAME_CHARS = 40
INK, MUTED, LINE = "#1d2433", "#5b6475", "#c4cad6"
# Twelve colours that stay apart on white; pokja beyond the twelfth reuse them in order.
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#17becf")
PALETTE += ("#e377c2", "#8c564b", "#a6a614", "#393b79", "#d4a017", "#00796b")
ROLE_MARK = {Membership.Role.KETUA: "K", Membership.Role.WAKIL: "W"}
ROLE_RANK = {Membership.Role.KETUA: 0, Membership.Role.WAKIL: 1, Membership.Role.ANGGOTA: 2}

# Shared by the page (the SVG is inline) and the standalone file; selectors are scoped to the diagram.
CSS = """
.orbit-diagram text { font-family: "DejaVu Sans", Verdana, sans-serif; }
.orbit-diagram .link, .orbit-diagram .dock, .orbit-diagram .satellite { transition: opacity .15s; }
.orbit-diagram .link { opacity: .7; }
.orbit-diagram.has-active .link:not(.is-active),
.orbit-diagram.has-active .dock:not(.is-active),
.orbit-diagram.has-active .satellite:not(.is-active) { opacity: .12; }
.orbit-diagram .link.is-active { opacity: 1; stroke-width: 3.2; }
.orbit-diagram .satellite-link { cursor: pointer; outline: none; }
.orbit-diagram .satellite.is-active .body { stroke-width: 3.5; }
.orbit-diagram .satellite.is-active .name { font-weight: bold; }
.orbit-diagram .satellite-link:focus-visible .body { stroke: #000; stroke-width: 4; }
.orbit-figure { margin: 0; padding: .5rem; overflow: hidden; }
.orbit-figure svg { display: block; width: 100%; height: auto; }
"""


@dataclass(frozen=True)
class Ring:
    code: str
    name: str
    colour: str
    radius: float
    members: int


@dataclass(frozen=True)
class Link:
    nip: str
    code: str
    role: str
    colour: str
    start: tuple[float, float]
    end: tuple[float, float]


@dataclass(frozen=True)
class Badge:
    mark: str
    colour: str
    centre: tuple[float, float]


@dataclass(frozen=True)
class Satellite:
    nip: str
    name: str
    label: str
    initials: str
    angle: float  # degrees, clockwise from 3 o'clock (SVG's y axis points down)
    centre: tuple[float, float]
    radius: float
    fill: str
    stroke: str
    roles: tuple[tuple[str, str], ...]  # (pokja code, role) in pokja order
    badges: tuple[Badge, ...]
    label_at: tuple[float, float]
    label_rotation: float
    label_anchor: str
    label_reach: float  # distance from the centre to the far end of the label (estimated)


@dataclass(frozen=True)
class Head:
    nip: str | None
    name: str
    caption_lines: tuple[str, ...]
    name_lines: tuple[str, ...]


@dataclass(frozen=True)
class Layout:
    unit_name: str
    unit_slug: str
    at_label: str
    filtered: str | None
    head: Head
    rings: tuple[Ring, ...]
    satellites: tuple[Satellite, ...]
    links: tuple[Link, ...]
    gap: float  # degrees left free at 12 o'clock for the ring codes


def find_pokja(structure: Structure, code: str) -> PokjaView | None:
    """The pokja of the structure with this code (any case), or None."""
    wanted = code.strip().upper()
    return next((view for view in structure.pokja if view.pokja.code.upper() == wanted), None)


def colour_of(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def tint(colour: str, share: float = 0.78) -> str:
    """The colour mixed with ``share`` of white, for satellite fills."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * share):02x}" for c in rgb)


def polar(radius: float, degrees: float) -> tuple[float, float]:
    return polar_from((CX, CY), radius, degrees)


def polar_from(origin: tuple[float, float], radius: float, degrees: float) -> tuple[float, float]:
    rad = math.radians(degrees)
    return origin[0] + radius * math.cos(rad), origin[1] + radius * math.sin(rad)


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def wrap(text: str, width: int, max_lines: int) -> tuple[str, ...]:
    """Greedy word wrap; the last line is shortened with an ellipsis when the text does not fit."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [shorten(" ".join(lines[max_lines - 1 :]), width)]
    return tuple(shorten(line, width) for line in lines)


def initials(name: str) -> str:
    words = [w for w in name.replace(".", " ").split() if w[:1].isalpha() and not w.endswith(",")]
    letters = [w[0].upper() for w in words[:2]] or ["?"]
    return "".join(letters)


def ring_radii(count: int) -> list[float]:
    if count == 1:
        return [(RING_INNER + RING_OUTER) / 2]
    step = (RING_OUTER - RING_INNER) / max(count - 1, 1)
    return [RING_INNER + i * step for i in range(count)]


def pill_width(code: str) -> float:
    return len(code) * 6.8 + 12


def place(employee, own: list[tuple[Membership, Ring]], angle: float, step: float, radius: float):
    """One satellite on the belt at ``angle`` and its links, fanned a little so that each stays visible."""
    centre = polar(BELT, angle)
    fan = min(0.5 * step / (len(own) - 1), 2.0) if len(own) > 1 else 0.0
    links = []
    for k, (membership, ring) in enumerate(own):
        end = polar(ring.radius, angle + (k - (len(own) - 1) / 2) * fan)
        dx, dy = end[0] - centre[0], end[1] - centre[1]
        length = math.hypot(dx, dy) or 1.0
        start = (centre[0] + dx / length * radius, centre[1] + dy / length * radius)
        links.append(Link(employee.nip, ring.code, membership.role, ring.colour, start, end))
    leading = [(m, ring) for m, ring in own if m.role in ROLE_MARK]
    # Badges sit beside the satellite, along the belt: outwards is the label, inwards the links.
    badges = tuple(
        Badge(ROLE_MARK[m.role], ring.colour, polar_from(centre, radius + 4, angle + turn))
        for (m, ring), turn in zip(leading, (90, -90, 135, -135), strict=False)
    )
    label = shorten(employee.name, LABEL_MAX_CHARS)
    right = math.cos(math.radians(angle)) >= 0
    label_radius = BELT + radius + 6
    satellite = Satellite(
        nip=employee.nip,
        name=employee.name,
        label=label,
        initials=initials(employee.name),
        angle=angle,
        centre=centre,
        radius=radius,
        fill=tint(own[0][1].colour) if own else "#ffffff",
        stroke=own[0][1].colour if own else "#8a93a6",
        roles=tuple((ring.code, m.role) for m, ring in own),
        badges=badges,
        label_at=polar(label_radius, angle),
        label_rotation=angle if right else angle + 180,
        label_anchor="start" if right else "end",
        label_reach=label_radius + len(label) * LABEL_FONT * CHAR_WIDTH,
    )
    return satellite, links


def build_layout(structure: Structure, pokja_code: str | None = None) -> Layout:
    """Places rings, satellites and links; ``pokja_code`` keeps one pokja (the caller checks it exists)."""
    index_of = {view.pokja.pk: i for i, view in enumerate(structure.pokja)}
    views = structure.pokja
    if pokja_code:
        chosen = find_pokja(structure, pokja_code)
        views = [chosen] if chosen else []
    radii = ring_radii(len(views))
    rings = tuple(
        Ring(
            code=view.pokja.code,
            name=view.pokja.name,
            colour=colour_of(index_of[view.pokja.pk]),
            radius=radius,
            members=len(view.memberships),
        )
        for view, radius in zip(views, radii, strict=True)
    )
    ring_of = {view.pokja.pk: ring for view, ring in zip(views, rings, strict=True)}
    memberships = [m for view in views for m in view.memberships]
    by_employee: dict[int, list[Membership]] = {}
    for membership in memberships:
        by_employee.setdefault(membership.employee_id, []).append(membership)
    for items in by_employee.values():
        items.sort(key=lambda m: index_of[m.pokja_id])

    staff = structure.staff
    if pokja_code:
        staff = [e for e in staff if e.pk in by_employee]

    def seat(employee):
        own = by_employee.get(employee.pk, [])
        if not own:
            return (len(structure.pokja), 3, (), employee.name.casefold(), employee.nip)
        first = own[0]
        rest = tuple(index_of[m.pokja_id] for m in own[1:])
        return (index_of[first.pokja_id], ROLE_RANK[first.role], rest, employee.name.casefold(), employee.nip)

    staff = sorted(staff, key=seat)
    gap = 0.0
    if rings:
        widest = max(pill_width(ring.code) for ring in rings)
        gap = min(max(math.degrees((widest + 18) / rings[0].radius), 20.0), 50.0)
    step = (360.0 - gap) / max(len(staff), 1)
    radius = min(max(BELT * math.radians(step) * 0.3, 6.0), 11.0)
    satellites, links = [], []
    for i, employee in enumerate(staff):
        angle = -90 + gap / 2 + step * (i + 0.5)
        own = [(m, ring_of[m.pokja_id]) for m in by_employee.get(employee.pk, [])]
        satellite, own_links = place(employee, own, angle, step, radius)
        satellites.append(satellite)
        links.extend(own_links)

    head_employee = structure.unit.head if structure.unit.head_id else None
    head_own = by_employee.get(head_employee.pk, []) if head_employee else []
    for k, membership in enumerate(head_own):
        ring = ring_of[membership.pokja_id]
        angle = 90 + (k - (len(head_own) - 1) / 2) * 8
        start, end = polar(HEAD_RADIUS, angle), polar(ring.radius, angle)
        links.append(Link(head_employee.nip, ring.code, membership.role, ring.colour, start, end))
    if head_employee:
        head = Head(
            nip=head_employee.nip,
            name=head_employee.name,
            caption_lines=wrap(head_employee.position or _("Head of unit"), 22, 2),
            name_lines=wrap(head_employee.name, 17, 3),
        )
    else:
        head = Head(nip=None, name="", caption_lines=(_("No head set"),), name_lines=wrap(structure.unit.name, 17, 3))
    return Layout(
        unit_name=structure.unit.name,
        unit_slug=structure.unit.slug,
        at_label=date_format(structure.at, "j F Y"),
        filtered=rings[0].code if pokja_code and rings else None,
        head=head,
        rings=rings,
        satellites=tuple(satellites),
        links=tuple(links),
        gap=gap,
    )


def num(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def attrs(**values) -> str:
    """XML attributes, escaped; a trailing underscore is dropped and other underscores become dashes."""
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        text = num(value) if isinstance(value, float) else str(value)
        parts.append(f'{name}="{escape(text)}"')
    return " ".join(parts)


def text_lines(lines, x: float, y: float, size: float, leading: float, **style) -> list[str]:
    return [
        f"<text {attrs(x=x, y=y + i * leading, font_size=size, **style)}>{escape(line)}</text>"
        for i, line in enumerate(lines)
    ]


def role_label(role: str) -> str:
    return str(Membership.Role(role).label)


def render_svg(layout: Layout, *, profile_url: Callable[[str], str] | None = None) -> str:
    """The diagram as an <svg> element with its own <style>; every text is escaped."""
    profile_url = profile_url or (lambda nip: reverse("employee_detail", args=[layout.unit_slug, nip]))
    title = _("Orbit of %(unit)s on %(date)s") % {"unit": layout.unit_name, "date": layout.at_label}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" {attrs(class_="orbit-diagram", viewBox=f"0 0 {WIDTH} {HEIGHT}")} '
        f"{attrs(width=WIDTH, height=HEIGHT, role='img', aria_label=title)}>",
        f"<title>{escape(title)}</title>",
        f"<style>{CSS}</style>",
        f"<rect {attrs(width=WIDTH, height=HEIGHT, fill='#ffffff')}/>",
        f"<circle {attrs(cx=CX, cy=CY, r=float(BELT), fill='none', stroke='#e6e9f0', stroke_dasharray='2 5')}/>",
        '<g class="rings">',
    ]
    for ring in layout.rings:
        out.append(
            f"<circle {attrs(class_='ring', data_pokja=ring.code, cx=CX, cy=CY, r=ring.radius)} "
            f"{attrs(fill='none', stroke=ring.colour, stroke_width=2, stroke_opacity=0.85)}/>"
        )
    out.append("</g>")
    out.append('<g class="links">')
    for link in layout.links:
        leader = link.role in ROLE_MARK
        out.append(
            f"<line {attrs(class_=f'link {link.role}', data_pokja=link.code, data_nip=link.nip)} "
            f"{attrs(x1=link.start[0], y1=link.start[1], x2=link.end[0], y2=link.end[1])} "
            f"{attrs(stroke=link.colour, stroke_width=2.4 if leader else 1.3, stroke_linecap='round')}/>"
        )
    out.append("</g>")
    out.append('<g class="docks">')
    for link in layout.links:
        leader = link.role in ROLE_MARK
        out.append(
            f"<circle {attrs(class_=f'dock {link.role}', data_pokja=link.code, data_nip=link.nip)} "
            f"{attrs(cx=link.end[0], cy=link.end[1], r=4.5 if leader else 3.0, fill=link.colour)} "
            f"{attrs(stroke='#ffffff', stroke_width=1.5 if leader else 0.8)}/>"
        )
    out.append("</g>")
    out.append('<g class="ring-labels">')
    for ring in layout.rings:
        width = pill_width(ring.code)
        out.append(
            f"<g {attrs(class_='ring-label', data_pokja=ring.code)}>"
            f"<rect {attrs(x=CX - width / 2, y=CY - ring.radius - 7.5, width=width, height=15, rx=7.5)} "
            f"{attrs(fill=ring.colour)}/>"
            f"<text {attrs(x=CX, y=CY - ring.radius + 3.6, text_anchor='middle', font_size=10)} "
            f"{attrs(font_weight='bold', fill='#ffffff')}>{escape(ring.code)}</text></g>"
        )
    out.append("</g>")
    out.extend(render_head(layout, profile_url))
    out.append('<g class="satellites">')
    for satellite in layout.satellites:
        out.extend(render_satellite(satellite, layout, profile_url))
    out.append("</g>")
    out.extend(render_legend(layout))
    out.append("</svg>")
    return "\n".join(out)


def render_head(layout: Layout, profile_url) -> list[str]:
    head = layout.head
    caption, names = head.caption_lines, head.name_lines
    height = len(caption) * 11 + 4 + len(names) * 13
    top = CY - height / 2 + 8
    body = [f"<circle {attrs(class_='head-body', cx=CX, cy=CY, r=float(HEAD_RADIUS), fill=INK)}/>"]
    body += text_lines(caption, CX, top, 8.5, 11, text_anchor="middle", fill="#c9d3e6")
    body += text_lines(
        names, CX, top + len(caption) * 11 + 4 + 2, 11, 13, text_anchor="middle", fill="#ffffff", font_weight="bold"
    )
    if head.nip is None:
        return ['<g class="head">', *body, "</g>"]
    title = f"{head.name}\n{_('NIP %(nip)s') % {'nip': head.nip}}"
    return [
        f"<a {attrs(class_='head-link', href=profile_url(head.nip))}>",
        f"<title>{escape(title)}</title>",
        '<g class="head">',
        *body,
        "</g></a>",
    ]


def render_satellite(satellite: Satellite, layout: Layout, profile_url) -> list[str]:
    roles = [f"{role_label(role)} {code}" for code, role in satellite.roles]
    lines = [satellite.name, _("NIP %(nip)s") % {"nip": satellite.nip}]
    lines.append(", ".join(roles) if roles else _("Not in any pokja"))
    leader = bool(satellite.badges)
    x, y = satellite.centre
    out = [
        f"<a {attrs(class_='satellite-link', href=profile_url(satellite.nip), tabindex=0, focusable='true')}>",
        f"<title>{escape(chr(10).join(lines))}</title>",
        f"<g {attrs(class_='satellite leader' if leader else 'satellite', data_nip=satellite.nip)}>",
        f"<circle {attrs(class_='body', cx=x, cy=y, r=satellite.radius, fill=satellite.fill, stroke=satellite.stroke)} "
        f"{attrs(stroke_width=2.8 if leader else 1.6, stroke_dasharray=None if satellite.roles else '3 2')}/>",
        f"<text {attrs(x=x, y=y + satellite.radius * 0.3, text_anchor='middle', font_size=satellite.radius * 0.8)} "
        f"{attrs(font_weight='bold', fill=INK)}>{escape(satellite.initials)}</text>",
    ]
    for badge in satellite.badges:
        bx, by = badge.centre
        out.append(
            f"<circle {attrs(class_='badge', cx=bx, cy=by, r=6.0, fill=badge.colour)} "
            f"{attrs(stroke='#ffffff', stroke_width=1)}/>"
            f"<text {attrs(x=bx, y=by + 3, text_anchor='middle', font_size=8, font_weight='bold', fill='#ffffff')}>"
            f"{badge.mark}</text>"
        )
    lx, ly = satellite.label_at
    rotate = f"translate({num(lx)} {num(ly)}) rotate({num(satellite.label_rotation)})"
    out.append(
        f"<text {attrs(class_='name', transform=rotate, y=3.8, text_anchor=satellite.label_anchor)} "
        f"{attrs(font_size=LABEL_FONT, font_weight='bold' if leader else None, fill=INK)}>"
        f"{escape(satellite.label)}</text>"
    )
    out.append("</g></a>")
    return out


def render_legend(layout: Layout) -> list[str]:
    x, y = LEGEND_X, 46
    out = [f'<g class="legend" {attrs(font_size=13, fill=INK)}>']
    title = wrap(layout.unit_name, 28, 3)
    out += text_lines(title, x, y, 19, 24, font_weight="bold")
    y += len(title) * 24 + 2
    people = len(layout.satellites) + (1 if layout.head.nip else 0)
    notes = [
        _("As of %(date)s") % {"date": layout.at_label},
        _("%(people)d people · %(links)d memberships") % {"people": people, "links": len(layout.links)},
    ]
    if layout.filtered:
        notes.append(_("Showing pokja %(code)s only") % {"code": layout.filtered})
    out += text_lines(notes, x, y, 13, 18, fill=MUTED)
    y += len(notes) * 18 + 22
    out += text_lines([_("Pokja")], x, y, 15, 18, font_weight="bold")
    y += 26
    for ring in layout.rings:
        out.append(f"<g {attrs(class_='legend-item', data_pokja=ring.code)}>")
        out.append(f"<circle {attrs(cx=x + 8, cy=y - 5, r=8.0, fill=ring.colour)}/>")
        header = f"{ring.code} · " + _("%(count)d members") % {"count": ring.members}
        out += text_lines([header], x + 24, y, 14, 17, font_weight="bold")
        names = wrap(ring.name, LEGEND_NAME_CHARS, 2 if len(layout.rings) <= 12 else 1)
        out += text_lines(names, x + 24, y + 18, 12, 15, fill=MUTED)
        out.append("</g>")
        y += 18 + len(names) * 15 + 11
    if not layout.rings:
        out += text_lines([_("No pokja")], x, y, 12, 15, fill=MUTED)
        y += 22
    y += 12
    out += text_lines([_("Key")], x, y, 15, 18, font_weight="bold")
    y += 26
    for mark, text in (("K", _("ketua (leader)")), ("W", _("wakil (deputy)"))):
        out.append(f"<circle {attrs(cx=x + 8, cy=y - 5, r=8.0, fill=MUTED)}/>")
        out += text_lines([mark], x + 8, y - 1.5, 10, 12, text_anchor="middle", font_weight="bold", fill="#ffffff")
        out += text_lines([text], x + 24, y, 13, 15)
        y += 24
    out.append(
        f"<circle {attrs(cx=x + 8, cy=y - 5, r=8.0, fill='#ffffff', stroke='#8a93a6', stroke_dasharray='3 2')}/>"
    )
    out += text_lines([_("not in any pokja")], x + 24, y, 13, 15)
    y += 26
    out += text_lines(wrap(_("Satellites take the colour of their first pokja."), 42, 2), x, y, 12, 15, fill=MUTED)
    out.append("</g>")
    return out


def orbit_svg(structure: Structure, pokja_code: str | None = None) -> str:
    """Layout and rendering in one call."""
    return render_svg(build_layout(structure, pokja_code))
