r"""Exact extreme equilibria in bounded memory: reverse search over P, each vertex's partner found in Q.

The vertices of the best-response polytope :math:`P = \{x \ge 0 : B^\top x
\le 1\}` (payoffs shifted to be positive integers) are enumerated by the
lexicographic reverse search of :mod:`solvers.equilibria.lex_walk` (Avis and
Fukuda 1992, in the form of lrs: Avis 2000), in bounded memory.  A vertex x
of P and a vertex y of :math:`Q = \{y \ge 0 : A y \le 1\}` form an extreme
equilibrium exactly when every label is at x or at y, so each x is completed,
as the walk yields it, by the vertices of the face of Q on which every label
missing at x is present: :math:`A_i y = 1` for i in the support of x and
:math:`y_j = 0` for the columns j that are not best responses to x (lrsnash
searches the same faces: Avis, Rosenberg, Savani and von Stengel 2010,
Section 5).

- A **simple** x (exactly m labels) has as many tight columns as its support,
  so the face is one point, the solution of a square system, when that system
  is nonsingular.  The systems are screened in floats a batch at a time
  (:mod:`solvers.equilibria.partner_screen`, which rules a vertex out only when
  its solution violates a constraint by far more than its error bound), and
  the few kept are solved exactly, fraction-free.  This is what lrsnash does
  with an LP per vertex; Q is not walked.
- The first **degenerate** vertex of P, or the first simple one whose system
  is singular, makes the search walk Q once (in the same way) and keep the
  label sets of its vertices (integers, at most :data:`MASK_CAP` of them, so
  memory stays bounded; a degenerate vertex also keeps its weights).  From
  then on partners are looked up: a simple x pairs with the simple vertex of Q
  whose label set is the complement of its own (one fraction-free solve gives
  it) and with every degenerate vertex of Q holding that complement; a
  degenerate x with every vertex of Q holding the labels it misses.  Past the
  cap, the face of each x is solved for directly.

Whether the game is degenerate (P or Q has a vertex with more labels than its
dimension) is then known, except when P is nondegenerate, no partner is
degenerate, and Q was never walked: every equilibrium is found and isolated,
but Q's degeneracy takes a walk of Q (:func:`q_is_degenerate`), which
``lazy_degenerate=True`` leaves to whoever asks.

References
----------
D. Avis, K. Fukuda, "A pivoting algorithm for convex hulls and vertex
enumeration of arrangements and polyhedra", Discrete Comput. Geom. 8 (1992) 295-313.
D. Avis, "lrs: A revised implementation of the reverse search vertex
enumeration algorithm", in Polytopes - Combinatorics and Computation (2000) 177-198.
D. Avis, G. Rosenberg, R. Savani, B. von Stengel, "Enumeration of Nash
equilibria for two-player games", Economic Theory 42 (2010) 9-37.

Examples
--------
>>> rows, cols, pairs, degenerate = reverse_search_extreme([[2, 0], [0, 1]], [[1, 0], [0, 2]])
>>> [(rows[i], cols[j]) for i, j in pairs], degenerate
([((1, 0), (1, 0)), ((2, 1), (1, 2)), ((0, 1), (0, 1))], False)
"""

from __future__ import annotations

import importlib

from solvers.equilibria.integers import (
    IntVertex,
    _partners,
    _positive,
    _scaled_down,
    _unique_partner,
    _vertex_of_labels,
)
from solvers.equilibria.lex_walk import _walk, _weights

__all__ = ["reverse_search_extreme", "q_is_degenerate", "MASK_CAP"]

#: The float screen of partners, imported by name when a walk first has a batch to screen: it loads numpy,
#: which small exact games never need (ARCHITECTURE.md, "Imports by name").
_SCREEN = "solvers.equilibria.partner_screen"

#: The label sets of at most this many vertices of Q are kept (about 60 bytes each, so at most ~16 MB; a
#: degenerate vertex also keeps its weights); past it the partners of every vertex of P are solved for.
MASK_CAP = 1 << 18


def q_is_degenerate(A: list[list[int]], *, deadline: float | None = None) -> bool:
    """Whether ``Q = {y >= 0 : A y <= 1}`` (A shifted to be positive) has a vertex with more than n labels.

    A walk of Q's reverse-search tree that stops at the first degenerate vertex; when there is none it
    visits every vertex, as long as the walk of P.  :func:`reverse_search_extreme` leaves it to be asked
    (``lazy_degenerate``) when it did not need to walk Q.

    Examples
    --------
    >>> q_is_degenerate([[1, 0], [0, 1], [1, 0]]), q_is_degenerate([[3, 0], [0, 3], [2, 2]])  # rows 0, 2 alike
    (True, False)
    """
    ap = _positive(A)
    n = len(ap[0])
    ap_t = [[row[j] for row in ap] for j in range(n)]
    return any(mask.bit_count() > n for mask, _, _, _ in _walk(ap_t, deadline, True))


class _Partners:
    """The partners in Q of the vertices of P, as P's walk yields them (see :func:`reverse_search_extreme`).

    Simple vertices of P are screened in floats a batch at a time (:mod:`solvers.equilibria.partner_screen`)
    and the few the screen keeps are solved exactly.  The first degenerate vertex of P, or the first
    simple one whose system is singular, makes the search walk Q once and keep its label sets (up to
    :data:`MASK_CAP` of them); from then on partners are looked up among them (and past the cap, solved
    for face by face).
    """

    #: Simple vertices are screened in floats in batches of this many; a smaller remainder at the end is
    #: solved exactly one by one (so small games never load numpy).
    BATCH = 512
    MIN_SCREEN = 64

    def __init__(self, ap: list[list[int]], m: int, n: int, deadline: float | None) -> None:
        self.ap, self.m, self.n, self.deadline = ap, m, n, deadline
        self.full = (1 << (m + n)) - 1
        self.pairs: list[tuple[IntVertex, IntVertex]] = []
        self.pending: list[tuple[int, list[int], list[int]]] = []
        self.degenerate = False  # a degenerate vertex seen, of P or Q (a partner found, or Q walked)
        self.walked_q = False
        self.q_simple: set[int] | None = None
        self.q_deg: list[tuple[int, IntVertex]] = []

    def add(self, mask: int, rhs: list[int], basis: list[int]) -> None:
        """Find the partners of the vertex of P at this basis (now, or with the batch it joins)."""
        if mask.bit_count() > self.m:
            self.degenerate = True
            self._walk_q()
        if self.walked_q:
            self._look_up(mask, rhs, basis)
            return
        self.pending.append((mask, rhs, basis))
        if len(self.pending) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        """Screen the pending simple vertices and solve those kept exactly."""
        batch, self.pending = self.pending, []
        if len(batch) >= self.MIN_SCREEN:
            screen = importlib.import_module(_SCREEN).screen_simple_partners  # loads numpy
            kept = screen(self.ap, [mask for mask, _, _ in batch], self.m, self.n)
            batch = [item for item, keep in zip(batch, kept) if keep]
        m, n = self.m, self.n
        for mask, rhs, basis in batch:
            if self.walked_q:
                self._look_up(mask, rhs, basis)
                continue
            supp = sorted(v for v in basis if v < m)  # x's support: its basic variables (all positive)
            tight = [j for j in range(n) if mask >> (m + j) & 1]
            nonsingular, got = _unique_partner(self.ap, supp, tight, m, n)
            if not nonsingular:  # a face of Q that may hold several (degenerate) vertices: walk Q
                self._walk_q()
                self._look_up(mask, rhs, basis)
            elif got is not None:
                y, ymask = got
                self.degenerate = self.degenerate or ymask.bit_count() > n
                self.pairs.append((_scaled_down(_weights(rhs, basis, m)), y))

    def _walk_q(self) -> None:
        """Walk Q once, keeping the label sets of its vertices (up to MASK_CAP) and whether it is degenerate."""
        if self.walked_q:
            return
        self.walked_q = True
        m, n, ap = self.m, self.n, self.ap
        ap_t = [[ap[i][j] for i in range(m)] for j in range(n)]
        low = (1 << n) - 1
        q_simple: set[int] | None = set()
        q_deg: list[tuple[int, IntVertex]] = []
        for mask, rhs, basis, _ in _walk(ap_t, self.deadline, False):
            qmask = ((mask & low) << m) | (mask >> n)  # to Q's labels: rows, then y_j = 0
            if mask.bit_count() > n:
                self.degenerate = True
                if q_simple is None:
                    break  # the label sets are not kept (too many): only the degeneracy was still unknown
                q_deg.append((qmask, _scaled_down(_weights(rhs, basis, n))))
            elif q_simple is not None:
                q_simple.add(qmask)
            if q_simple is not None and len(q_simple) + len(q_deg) > MASK_CAP:
                q_simple, q_deg = None, []
                if self.degenerate:
                    break
        self.q_simple, self.q_deg = q_simple, q_deg
        pending, self.pending = self.pending, []
        for item in pending:
            self._look_up(*item)

    def _look_up(self, mask: int, rhs: list[int], basis: list[int]) -> None:
        """The partners of a vertex of P among Q's kept label sets (past the cap: solved for, face by face)."""
        m, n = self.m, self.n
        need = self.full ^ mask  # the labels a partner must have
        if self.q_simple is None:
            x = _scaled_down(_weights(rhs, basis, m))
            found, deg_face = _partners(self.ap, x, mask, m, n)
            self.degenerate = self.degenerate or deg_face
            self.pairs.extend((x, y) for y, _ in found)
            return
        # a simple x has exactly the n labels ``need`` missing: a simple partner has exactly those
        ys = [y for qm, y in self.q_deg if qm & need == need]
        if mask.bit_count() == m:
            more = [need] if need in self.q_simple else []
        else:
            more = [qm for qm in self.q_simple if qm & need == need]
        if ys or more:
            x = _scaled_down(_weights(rhs, basis, m))
            ys += [_vertex_of_labels(self.ap, qm, m, n) for qm in more]
            self.pairs.extend((x, y) for y in ys)


def reverse_search_extreme(
    A: list[list[int]], B: list[list[int]], *, deadline: float | None = None, lazy_degenerate: bool = False
) -> tuple[list[IntVertex], list[IntVertex], list[tuple[int, int]], bool | None]:
    """Extreme equilibria of the integer bimatrix game (A, B) by reverse search (the module docstring).

    Parameters
    ----------
    A, B : list of list of int
        The payoff matrices (any integers; shifted to be positive, which changes no equilibrium).
    deadline : float, optional
        A ``time.monotonic()`` value past which :class:`~games.errors.SizeLimitError` is raised.
    lazy_degenerate : bool, optional
        When True, return None as ``degenerate`` when the search never needed to walk Q and met no
        degenerate vertex (P is nondegenerate, and so is every partner found); :func:`q_is_degenerate`
        then answers whether Q is.  When False (the default) Q is walked to answer it.

    Returns
    -------
    tuple
        ``(row_vertices, col_vertices, pairs, degenerate)`` as
        :func:`~solvers.equilibria.exact_vertices.exact_extreme_integer`: integer weight vectors
        (divide by their sum), pairs sorted by the row then the column strategy (largest
        probabilities first), and whether P or Q has a degenerate vertex (or None, see
        ``lazy_degenerate``).

    References
    ----------
    D. Avis, "lrs: A revised implementation of the reverse search vertex enumeration algorithm" (2000).

    Examples
    --------
    >>> reverse_search_extreme([[1, 1], [1, 1]], [[1, 1], [1, 1]])[2]  # every pure profile
    [(0, 0), (0, 1), (1, 0), (1, 1)]

    A 3 x 3 game with three equilibria: P is nondegenerate, and so is every partner, so whether Q is
    degenerate is left to :func:`q_is_degenerate` (it is not).

    >>> A, B = [[6, 2, 9], [9, 0, 1], [1, 1, 5]], [[3, 4, 2], [9, 6, 6], [1, 1, 8]]
    >>> reverse_search_extreme(A, B, lazy_degenerate=True)[2:], q_is_degenerate(A)
    (([(0, 0), (1, 1), (2, 2)], None), False)
    """
    m, n = len(A), len(A[0])
    bp = _positive(B)  # P: x in R^m, constraints B^T x <= 1
    ap = _positive(A)
    pairs_xy: list[tuple[IntVertex, IntVertex]] = []
    degenerate: bool | None
    if m == 2:
        # 2 x n: Q's vertices are y = 0, y = e_j / max_i A_ij (degenerate iff both rows tie in column j)
        # and two-column mixtures with both rows tight (exactly n labels); no walk needed, and P, a
        # polygon, has few vertices to solve partners for.
        degenerate = any(ap[0][j] == ap[1][j] for j in range(n))
        for mask, rhs, basis, _ in _walk(bp, deadline, False):
            degenerate = degenerate or mask.bit_count() > m
            x = _scaled_down(_weights(rhs, basis, m))
            found, deg_face = _partners(ap, x, mask, m, n)
            degenerate = degenerate or deg_face
            pairs_xy.extend((x, y) for y, _ in found)
    else:
        # P walked; each vertex's partner screened in floats and solved exactly (Q walked only when a
        # degenerate vertex or a singular system needs its label sets)
        partners = _Partners(ap, m, n, deadline)
        for mask, rhs, basis, _ in _walk(bp, deadline, False):
            partners.add(mask, rhs, basis)
        partners.flush()
        pairs_xy = partners.pairs
        degenerate = partners.degenerate or (None if not partners.walked_q else False)
        if degenerate is None and not lazy_degenerate:
            degenerate = q_is_degenerate(A, deadline=deadline)

    def key(v: IntVertex) -> tuple[float, ...]:
        s = sum(v)
        return tuple(-a / s for a in v)

    pairs_xy.sort(key=lambda p: (key(p[0]), key(p[1]), p))
    rows: dict[IntVertex, int] = {}
    cols: dict[IntVertex, int] = {}
    pairs = [(rows.setdefault(x, len(rows)), cols.setdefault(y, len(cols))) for x, y in pairs_xy]
    return list(rows), list(cols), pairs, degenerate
