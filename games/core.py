r"""The symbolic game objects: :class:`Game` and :class:`SymmetricGame`.

A :class:`Game` is a finite N-player normal-form game whose payoffs are sympy
objects: exact rationals for numbers, expressions for parameters.  It is frozen
(immutable and hashable); every transformation (``subs``) returns a new game.

A :class:`SymmetricGame` is an n-player symmetric game with two strategies,
stored compactly as one payoff expression per strategy in the number of *other*
players choosing the first strategy.  ``n_players`` may be a symbol or huge
(the world's 8e9 people): nothing is expanded unless :meth:`SymmetricGame.to_game`
is called, which is refused above :data:`MAX_EXPANDED_PLAYERS` players.

Design decisions
----------------
* Floats given by a user become the exact rational of their shortest decimal
  representation (``0.1 -> 1/10``), so exact solvers see what the user typed.
* Strings are never parsed as payoffs: an error says to give a sympy expression.
* ``subs`` accepts Symbols, parameter names, or a
  :class:`~games.parameters.ParameterSet`.  Names are matched against the
  game's free symbols by name, so ``Symbol("vsl")`` and the registry's
  assumption-carrying ``vsl`` are the same parameter here.  Keys that do not
  occur in the game are ignored (as in sympy) when they are Symbols or known
  parameter names; any other string key is an error with suggestions, since it
  is most likely a typo.  A ``ParameterSet`` may hold any parameters.
* ``to_nashpy`` imports nashpy when called; :mod:`games` itself never depends
  on solver libraries at import time.
"""

from __future__ import annotations

import importlib
import itertools
import math
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sympy
from sympy import ImmutableDenseNDimArray

from games._arrays import _is_numpy_array, _labels, _nested_array, _subs_map, _substituted, _to_sympy_array
from games._text import latex_escape, latex_text
from games.errors import GameError, SizeLimitError, SymbolicError, UnknownNameError, suggest
from games.parameters import ParameterSet, latex_symbol_names

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Game", "MAX_EXPANDED_PLAYERS", "MAX_PROFILES"]


#: :meth:`SymmetricGame.to_game` refuses more players than this (2**n profiles).
MAX_EXPANDED_PLAYERS = 12


#: A :class:`Game` may have at most this many pure-strategy profiles.
MAX_PROFILES = 1_000_000


@dataclass(frozen=True)
class Game:
    r"""A finite N-player normal-form game with symbolic (sympy) payoffs.

    Build one with :meth:`from_bimatrix` or :meth:`from_payoff_arrays`.

    Attributes
    ----------
    players : tuple of str
        Player names.
    strategies : tuple of tuple of str
        Strategy names, one tuple per player.
    payoffs : tuple of sympy.ImmutableDenseNDimArray
        One array per player, of shape ``(m_1, ..., m_N)``; entry
        ``payoffs[i][s_1, ..., s_N]`` is player i's payoff at that profile.
    name : str
        A title for display.

    Examples
    --------
    >>> import sympy
    >>> T, R, P, S = sympy.symbols("T R P S")
    >>> pd = Game.from_bimatrix([[R, S], [T, P]], strategies=(["C", "D"], ["C", "D"]))
    >>> pd.free_symbols == {T, R, P, S}
    True
    >>> num = pd.subs({"T": 5, "R": 3, "P": 1, "S": 0})
    >>> num.is_numeric
    True
    >>> num.numeric_arrays()[1]
    array([[3., 5.],
           [0., 1.]])
    """

    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    payoffs: tuple[ImmutableDenseNDimArray, ...]
    name: str = ""
    _free: frozenset[sympy.Symbol] = field(default=frozenset(), init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        n = len(self.players)
        if n < 1:
            raise GameError("Game: at least one player is required")
        if len(self.strategies) != n or len(self.payoffs) != n:
            raise GameError(
                f"Game: {n} players but {len(self.strategies)} strategy lists and {len(self.payoffs)} payoff arrays"
            )
        shape = tuple(len(s) for s in self.strategies)
        for i, arr in enumerate(self.payoffs):
            if not isinstance(arr, ImmutableDenseNDimArray):
                raise GameError(f"Game: payoffs of player {self.players[i]!r} must be an ImmutableDenseNDimArray")
            if tuple(arr.shape) != shape:
                raise GameError(
                    f"Game: payoffs of player {self.players[i]!r} have shape {tuple(arr.shape)}, "
                    f"the strategies give {shape}"
                )
        if not isinstance(self.name, str):
            raise GameError(f"Game: name must be a string, got {type(self.name).__name__}")
        free: set[sympy.Symbol] = set()
        for arr in self.payoffs:
            free |= arr.free_symbols
        object.__setattr__(self, "_free", frozenset(free))

    # -- constructors -------------------------------------------------------
    @classmethod
    def from_payoff_arrays(
        cls,
        arrays: Sequence[Any],
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        name: str | None = None,
    ) -> Game:
        """Build an N-player game from one payoff array per player.

        Parameters
        ----------
        arrays : sequence of array-likes
            ``arrays[i]`` has shape ``(m_1, ..., m_N)`` with N = ``len(arrays)``;
            nested lists, numpy arrays, sympy matrices or arrays; entries are
            numbers or sympy expressions.
        players : sequence of str, optional
            Defaults to ``"Player 1", ..., "Player N"``.
        strategies : sequence of sequences of str, optional
            Defaults to ``"s1", "s2", ...`` for each player.
        name : str, optional

        Raises
        ------
        GameError
            Ragged or mismatched shapes, empty strategy sets, duplicate names,
            non-finite numbers, strings, too many profiles.

        Examples
        --------
        >>> g = Game.from_payoff_arrays([[[1, 0], [0, 1]], [[0, 1], [1, 0]]])
        >>> g.strategies
        (('s1', 's2'), ('s1', 's2'))
        """
        if isinstance(arrays, (str, bytes)) or not (isinstance(arrays, Sequence) or _is_numpy_array(arrays)):
            raise GameError(f"Game.from_payoff_arrays: expected a sequence of arrays, got {type(arrays).__name__}")
        n = len(arrays)
        if n == 0:
            raise GameError("Game.from_payoff_arrays: no payoff arrays given (one per player is required)")
        player_names = _labels(players, n, [f"Player {i + 1}" for i in range(n)], "Game players")
        nps = [_nested_array(a, f"payoffs of {player_names[i]!r}") for i, a in enumerate(arrays)]
        shape = nps[0].shape
        for i, a in enumerate(nps):
            if a.ndim != n:
                raise GameError(
                    f"payoffs of {player_names[i]!r}: {a.ndim}-dimensional array for a {n}-player game "
                    f"(each array needs one axis per player, shape (m_1, ..., m_{n}))"
                )
            if a.shape != shape:
                raise GameError(
                    f"payoffs of {player_names[i]!r} have shape {a.shape}, "
                    f"those of {player_names[0]!r} have shape {shape}"
                )
        if any(m == 0 for m in shape):
            raise GameError(f"Game: empty strategy set (payoff shape {shape})")
        if math.prod(shape) > MAX_PROFILES:
            raise SizeLimitError(
                f"Game: {math.prod(shape)} pure profiles (shape {shape}); allowed: at most {MAX_PROFILES}"
            )
        if strategies is None:
            strats = tuple(tuple(f"s{j + 1}" for j in range(m)) for m in shape)
        else:
            if isinstance(strategies, str) or len(strategies) != n:
                raise GameError(f"Game strategies: give one list of names per player ({n} players)")
            strats = tuple(
                _labels(s, shape[i], [], f"strategies of {player_names[i]!r}") for i, s in enumerate(strategies)
            )
        arrs = tuple(_to_sympy_array(a, f"payoffs of {player_names[i]!r}") for i, a in enumerate(nps))
        if name is not None and not isinstance(name, str):
            raise GameError(f"Game name must be a string, got {type(name).__name__}")
        return cls(players=player_names, strategies=strats, payoffs=arrs, name=name or "")

    @classmethod
    def from_bimatrix(
        cls,
        A: Any,
        B: Any = None,
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        name: str | None = None,
    ) -> Game:
        """Build a two-player game from the row player's matrix A and the column player's B.

        ``B=None`` means the symmetric game ``B = A.T`` (A must then be square).

        Examples
        --------
        >>> g = Game.from_bimatrix([[3, 0], [5, 1]], strategies=(["C", "D"], ["C", "D"]))
        >>> g.payoffs[1].tolist()
        [[3, 5], [0, 1]]
        """
        a = _nested_array(A, "matrix A")
        if a.ndim != 2:
            raise GameError(f"matrix A: expected a 2-dimensional matrix, got {a.ndim} dimensions (shape {a.shape})")
        if B is None:
            if a.shape[0] != a.shape[1]:
                raise GameError(f"matrix A: B=None means the symmetric game B = A.T, which needs a square A; got shape {a.shape}")
            b = a.transposed()
        else:
            b = _nested_array(B, "matrix B")
            if b.ndim != 2:
                raise GameError(f"matrix B: expected a 2-dimensional matrix, got {b.ndim} dimensions (shape {b.shape})")
            if b.shape != a.shape:
                raise GameError(f"matrix B has shape {b.shape}, matrix A has shape {a.shape}; they must match")
        return cls.from_payoff_arrays(
            [a, b], players=players or ("Row", "Column"), strategies=strategies, name=name
        )

    # -- properties ---------------------------------------------------------
    @property
    def n_players(self) -> int:
        """The number of players."""
        return len(self.players)

    @property
    def shape(self) -> tuple[int, ...]:
        """Strategies per player."""
        return tuple(len(s) for s in self.strategies)

    @property
    def free_symbols(self) -> frozenset[sympy.Symbol]:
        """The symbols (parameters) the payoffs still depend on."""
        return self._free

    @property
    def is_numeric(self) -> bool:
        """True when no payoff has a free symbol."""
        return not self._free

    def payoff(self, player: int, profile: Sequence[int]) -> sympy.Expr:
        """Payoff of ``player`` (index) at a pure profile of strategy indices."""
        return self.payoffs[player][tuple(profile)]  # type: ignore[no-any-return]

    def strategy_index(self, player: int, strategy: str | int) -> int:
        """Index of a strategy given by name or index, with a clear error."""
        names = self.strategies[player]
        if isinstance(strategy, numbers.Integral) and not isinstance(strategy, bool):
            if 0 <= int(strategy) < len(names):
                return int(strategy)
            raise GameError(f"strategy index {strategy} out of range for {self.players[player]!r} (0..{len(names) - 1})")
        if strategy in names:
            return names.index(strategy)  # type: ignore[arg-type]
        raise UnknownNameError(suggest(str(strategy), names, what=f"strategy of {self.players[player]!r}"))

    # -- transformations ----------------------------------------------------
    def subs(self, mapping: Mapping[Any, Any] | ParameterSet) -> Game:
        """Substitute values for symbols; returns a new Game.

        Parameters
        ----------
        mapping : mapping or ParameterSet
            Keys are sympy Symbols or parameter names; values are numbers
            (converted exactly) or sympy expressions.

        Examples
        --------
        >>> import sympy
        >>> x = sympy.Symbol("x")
        >>> Game.from_bimatrix([[x, 0], [0, 1]]).subs({"x": 0.5}).payoffs[0].tolist()
        [[1/2, 0], [0, 1]]
        """
        subs = _subs_map(self._free, mapping, owner="Game")
        if not subs:
            return self
        new = tuple(_substituted(arr, subs) for arr in self.payoffs)
        for i, arr in enumerate(new):
            for idx in itertools.product(*(range(m) for m in self.shape)):
                v = arr[idx]
                if v.has(sympy.zoo, sympy.oo, -sympy.oo, sympy.nan):
                    raise GameError(
                        f"Game.subs: payoff of {self.players[i]!r} at {self._profile_names(idx)} becomes {v}"
                    )
        return Game(players=self.players, strategies=self.strategies, payoffs=new, name=self.name)

    def _profile_names(self, idx: Sequence[int]) -> tuple[str, ...]:
        return tuple(self.strategies[i][j] for i, j in enumerate(idx))

    def numeric_arrays(self) -> tuple[np.ndarray, ...]:
        """The payoffs as float numpy arrays (one per player).

        Raises
        ------
        SymbolicError
            If a payoff still has free symbols (they are named).
        """
        if self._free:
            names = ", ".join(sorted(s.name for s in self._free))
            raise SymbolicError(f"game {self.name or ''!s}: payoffs have free symbols {names}; substitute values first (Game.subs)".replace("game : ", "game: "))
        import numpy as np

        out = []
        for arr in self.payoffs:
            flat = [float(v) for v in arr._array]  # noqa: SLF001 - sympy's flat storage
            out.append(np.array(flat, dtype=float).reshape(self.shape))
        return tuple(out)

    def to_nashpy(self) -> Any:
        """A ``nashpy.Game`` of the numeric two-player game (nashpy imported on call)."""
        if self.n_players != 2:
            raise GameError(f"to_nashpy: nashpy handles two-player games; this game has {self.n_players} players")
        A, B = self.numeric_arrays()
        nash = importlib.import_module("nashpy")
        return nash.Game(A, B)

    # -- output ---------------------------------------------------------------
    def to_nfg(self) -> str:
        """Gambit's strategic-form (.nfg, outcome format) text of the numeric game.

        Payoffs are written exactly (integers or ``p/q`` rationals), so Gambit
        reads back the same numbers.

        Examples
        --------
        >>> print(Game.from_bimatrix([[1, 0], [0, 1]], name="Coordination").to_nfg().splitlines()[0])
        NFG 1 R "Coordination" { "Row" "Column" }
        """
        if self._free:
            self.numeric_arrays()  # raises naming the symbols
        def q(s: str) -> str:
            # Gambit's reader unescapes \" only; other backslashes are read literally
            return '"' + s.replace('"', '\\"') + '"'
        lines = [f"NFG 1 R {q(self.name)} {{ {' '.join(q(p) for p in self.players)} }}", ""]
        lines.append("{ " + " ".join("{ " + " ".join(q(s) for s in strat) + " }" for strat in self.strategies) + " }")
        lines.append('""')
        lines.append("")
        lines.append("{")
        order = []
        # Gambit lists outcomes with the first player's strategy varying fastest.
        for rev in itertools.product(*(range(m) for m in reversed(self.shape))):
            idx = tuple(reversed(rev))
            order.append(idx)
            pays = ", ".join(_nfg_number(arr[idx]) for arr in self.payoffs)
            lines.append(f'{{ "" {pays} }}')
        lines.append("}")
        lines.append(" ".join(str(k + 1) for k in range(len(order))))
        return "\n".join(lines) + "\n"

    def latex(
        self,
        *,
        env: str = "tabular",
        symbol_names: Mapping[sympy.Symbol, str] | None = None,
        booktabs: bool = False,
    ) -> str:
        r"""The payoff table as LaTeX.

        Two-player games give one bimatrix table (rows: the first player's
        strategies; cells: "row payoff, column payoff").  For N >= 3 players one
        table per combination of the strategies of players 3..N, each captioned
        with that combination.

        Parameters
        ----------
        env : {"tabular", "array"}
            ``"tabular"`` for documents (needs nothing beyond LaTeX itself);
            ``"array"`` for math mode (Jupyter / MathJax).
        symbol_names : mapping, optional
            LaTeX names for symbols; defaults to the parameter registry's.
        booktabs : bool
            Use ``\\toprule``/``\\midrule``/``\\bottomrule`` (needs the booktabs
            package; ``env="tabular"`` only) instead of one ``\\hline``.

        Examples
        --------
        >>> print(Game.from_bimatrix([[1, 0], [0, 1]], strategies=(["A", "B"], ["A", "B"])).latex())
        \begin{tabular}{r|cc}
         & \multicolumn{2}{c}{Column} \\
        Row & A & B \\
        \hline
        A & $1, 1$ & $0, 0$ \\
        B & $0, 0$ & $1, 1$ \\
        \end{tabular}
        """
        if env not in ("tabular", "array"):
            raise GameError(f"Game.latex: env {env!r} not allowed (allowed: 'tabular', 'array')")
        names = dict(latex_symbol_names())
        if symbol_names:
            names.update(symbol_names)

        def tex(e: sympy.Expr) -> str:
            return sympy.latex(e, symbol_names=names)

        def label(s: str) -> str:
            return latex_escape(s) if env == "tabular" else latex_text(s)

        rows, cols = (self.shape + (1,))[:2] if self.n_players >= 2 else (self.shape[0], 1)
        blocks = []
        rest = [range(m) for m in self.shape[2:]]
        for tail in itertools.product(*rest):
            lines = []
            if tail:
                cap = ", ".join(f"{self.players[2 + k]} plays {self.strategies[2 + k][j]}" for k, j in enumerate(tail))
                lines.append(r"\multicolumn{%d}{c}{%s} \\" % (cols + 1, label(cap)))
            rule = booktabs and env == "tabular"
            lines.insert(0, r"\begin{%s}{%s}" % (env, ("l" if rule else "r|") + "c" * cols))
            if rule:
                lines.insert(1, r"\toprule")
            if self.n_players >= 2:
                lines.append(r" & \multicolumn{%d}{c}{%s} \\" % (cols, label(self.players[1])))
                lines.append(label(self.players[0]) + " & " + " & ".join(label(s) for s in self.strategies[1]) + r" \\")
            else:
                lines.append(label(self.players[0]) + r" & \text{payoff} \\" if env == "array" else label(self.players[0]) + r" & payoff \\")
            lines.append(r"\midrule" if rule else r"\hline")
            for r in range(rows):
                cells = []
                for c in range(cols):
                    idx = (r, c) + tail if self.n_players >= 2 else (r,)
                    body = ", ".join(tex(arr[idx]) for arr in self.payoffs)
                    cells.append(f"${body}$" if env == "tabular" else body)
                lines.append(label(self.strategies[0][r]) + " & " + " & ".join(cells) + r" \\")
            if rule:
                lines.append(r"\bottomrule")
            lines.append(r"\end{%s}" % env)
            blocks.append("\n".join(lines))
        return ("\n\n" if env == "tabular" else r" \quad ").join(blocks)

    def _repr_latex_(self) -> str:
        return "$$" + self.latex(env="array") + "$$"

    def _repr_html_(self) -> str:
        import html  # for Jupyter only: not at start-up (issue 17)

        esc = html.escape
        parts = []
        title = esc(self.name) if self.name else "Game"
        rest = [range(m) for m in self.shape[2:]]
        cols = self.shape[1] if self.n_players >= 2 else 1
        for tail in itertools.product(*rest):
            cap = title
            if tail:
                cap += " — " + ", ".join(
                    f"{esc(self.players[2 + k])} plays {esc(self.strategies[2 + k][j])}" for k, j in enumerate(tail)
                )
            rows = [f"<caption>{cap}</caption>"]
            if self.n_players >= 2:
                rows.append(
                    f"<tr><th>{esc(self.players[0])} \\ {esc(self.players[1])}</th>"
                    + "".join(f"<th>{esc(s)}</th>" for s in self.strategies[1])
                    + "</tr>"
                )
            for r, rname in enumerate(self.strategies[0]):
                cells = []
                for c in range(cols):
                    idx = (r, c) + tail if self.n_players >= 2 else (r,)
                    cells.append("<td>" + esc(", ".join(str(arr[idx]) for arr in self.payoffs)) + "</td>")
                rows.append(f"<tr><th>{esc(rname)}</th>{''.join(cells)}</tr>")
            parts.append("<table>" + "".join(rows) + "</table>")
        return "".join(parts)

    def __str__(self) -> str:
        head = f"{self.name or 'Game'}: {self.n_players} players {', '.join(self.players)}; strategies " + \
            " x ".join(str(len(s)) for s in self.strategies)
        return head


def _nfg_number(v: sympy.Expr) -> str:
    if isinstance(v, sympy.Integer):
        return str(int(v))
    if isinstance(v, sympy.Rational):
        return f"{v.p}/{v.q}"
    # an exact irrational number (sqrt(2)): Gambit needs a decimal
    return repr(float(v))

