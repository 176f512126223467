# Textbook notation for difflab.
#
# Compile with `npm run build:grammar` (writes src/parse/grammar.ts, which is
# committed; a test fails when it is stale).
#
# The tokens come from src/parse/lexer.ts, which has already split letter
# runs into names, turned superscript runs into SUP tokens, resolved each
# `|` into AO (open) or AC (close), merged each run of unary signs into one
# SIGNS token, and put a JUX token wherever an operand ends and another
# starts (so juxtaposition is considered only there). Every input has at most
# one parse; the tests check that nearley reports exactly one result.
#
# Shape, loosest binding first:
#   sum     a + b, a − b                  left-recursive
#   term    a * b, a / b                  left-recursive
#   signed  −a, +a                        signs bind looser than juxtaposition
#   imp     juxtaposition: 2x, x y, 2 sin x cos x
#   P / C   a power of an atom (x², e^-x, √x) / a parenthesised call sin(x)²
#
# Earley parsing is linear on left recursion but quadratic on right recursion
# that keeps growing (each new token completes every open level), so every
# sequence is a left-recursive list: sums, products, juxtaposition chains,
# √ prefixes, exponent chains (folded right-associatively after parsing) and
# stacked function names (`sin cos x`); sign runs are single tokens.
# Postprocessors are O(1) (see src/parse/ast.ts).
#
# Juxtaposition has two states. A chain is *closed* when it ends in a factor
# (x, (x+1), sin(x)); it is *open* when it ends in an application without
# parentheses (`sin x`), whose argument would swallow a following factor: in
# the open state only another function may follow (`sin x cos y`,
# `sin x cos(y)`), which is what makes `sin x y` mean sin(x·y) unambiguously.

@preprocessor typescript

@{%
import { grammarLexer as lexer } from './lexer.ts';
import * as A from './ast.ts';
%}

@lexer lexer

main      -> sum                                  {% id %}

sum       -> sum %ADD term                        {% A.binary %}
           | sum %SUB term                        {% A.binary %}
           | term                                 {% id %}

term      -> term %MUL signed                     {% A.binary %}
           | term %DIV signed                     {% A.binary %}
           | signed                               {% id %}

# SIGNS is a run of unary + and − (the lexer tells them from binary ones)
signed    -> imp                                  {% id %}
           | %SIGNS imp                           {% A.signed %}

# --- juxtaposition -----------------------------------------------------------
# (unit rules are inlined: every nonterminal predicted after an operator costs
# parse states at each operator)

imp       -> closed                               {% id %}
           | open                                 {% id %}

# ends in a factor
closed    -> Pnp                                  {% id %}
           | Ppar                                 {% id %}
           | C                                    {% id %}
           | appClosed                            {% id %}
           | closed %JUX item                     {% A.jux %}
           | open %JUX fnItem                     {% A.jux %}

# ends in an application without parentheses
open      -> appOpen                              {% id %}
           | closed %JUX appOpen                  {% A.jux %}
           | open %JUX appOpen                    {% A.jux %}

item      -> Pnp                                  {% id %}
           | Ppar                                 {% id %}
           | C                                    {% id %}
           | appClosed                            {% id %}
fnItem    -> C                                    {% id %}
           | appClosed                            {% id %}

# sin x, sin² x, sin cos x y: the argument is the implicit product that follows
appOpen   -> heads argseq                         {% A.app %}
# sin cos(x): the argument is a parenthesised call
appClosed -> heads C                              {% A.app %}

heads     -> head                                 {% A.list1 %}
           | heads head                           {% A.listPush %}
head      -> %FUNC                                {% A.head %}
           | headPre                              {% id %}
# (the lexer puts a JUX after a power, which ends an operand)
headPre   -> %FUNC %SUP %JUX                      {% A.headSup %}
           | %FUNC %POW echain %JUX               {% A.headPow %}

# Parentheses right after a function name are its argument list, so the
# implicit argument cannot start with '('.
argseq    -> Pnp                                  {% id %}
           | argseq %JUX Pnp                      {% A.jux %}
           | argseq %JUX Ppar                     {% A.jux %}

# --- calls -------------------------------------------------------------------

C         -> call                                 {% id %}
           | call %SUP                            {% A.callSup %}
           | call %POW echain                     {% A.callPow %}
           | callPre                              {% id %}

call      -> %FUNC %LP args %RP                   {% A.call %}
           | %FUNC %LP %RP                        {% A.call %}
callPre   -> headPre %LP args %RP                 {% A.callPre %}
           | headPre %LP %RP                      {% A.callPre %}

# f(x; w, b): a semicolon separates a function's inputs from its parameters
args      -> sum                                  {% A.list1 %}
           | args %COMMA sum                      {% A.listPush %}
           | args %SEMI sum                       {% A.listPushSemi %}

# --- powers and atoms --------------------------------------------------------

# not starting with '('
Pnp       -> atomPow                              {% id %}
           | roots rooted                         {% A.sqrt %}
atomPow   -> atom                                 {% id %}
           | atom %SUP                            {% A.powSup %}
           | atom %POW echain                     {% A.pow %}
# √ applies to the power after it: √x² = √(x²)
rooted    -> atomPow                              {% id %}
           | Ppar                                 {% id %}
           | C                                    {% id %}

Ppar      -> paren                                {% id %}
           | paren %SUP                           {% A.powSup %}
           | paren %POW echain                    {% A.pow %}

roots     -> %SQRT                                {% A.list1 %}
           | roots %SQRT                          {% A.listPush %}

atom      -> %NUM                                 {% A.num %}
           | %VAR                                 {% A.variable %}
           | %CONST                               {% A.constant %}
           | %LB sum %RB                          {% A.group %}
           | %LC sum %RC                          {% A.group %}
           | %AO sum %AC                          {% A.abs %}

paren     -> %LP sum %RP                          {% A.group %}

# An exponent is one atom, a parenthesised call, or a chain of them:
# x^2y is x²·y, e^-x, e^{−x}, e^sin(x), 2^3^2 = 2^(3^2).
echain    -> eitem                                {% A.list1 %}
           | echain %POW eitem                    {% A.listPush %}
eitem     -> eatom                                {% A.expItem %}
           | eprefixes eatom                      {% A.expItemPrefixed %}
eprefixes -> eprefix                              {% A.list1 %}
           | eprefixes eprefix                    {% A.listPush %}
eprefix   -> %SIGNS                               {% id %}
           | %SQRT                                {% id %}
eatom     -> eatom1                               {% id %}
           | eatom1 %SUP                          {% A.powSup %}
eatom1    -> atom                                 {% id %}
           | paren                                {% id %}
           | call                                 {% id %}
           | callPre                              {% id %}
