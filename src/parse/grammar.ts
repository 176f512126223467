// Generated automatically by nearley, version 2.20.1
// http://github.com/Hardmath123/nearley
// Bypasses TS6133. Allow declared but unused functions.
// @ts-ignore
function id(d: any[]): any { return d[0]; }
declare var ADD: any;
declare var SUB: any;
declare var MUL: any;
declare var DIV: any;
declare var SIGNS: any;
declare var JUX: any;
declare var FUNC: any;
declare var SUP: any;
declare var POW: any;
declare var LP: any;
declare var RP: any;
declare var COMMA: any;
declare var SEMI: any;
declare var SQRT: any;
declare var NUM: any;
declare var VAR: any;
declare var CONST: any;
declare var LB: any;
declare var RB: any;
declare var LC: any;
declare var RC: any;
declare var AO: any;
declare var AC: any;

import { grammarLexer as lexer } from './lexer.ts';
import * as A from './ast.ts';

interface NearleyToken {
  value: any;
  [key: string]: any;
};

interface NearleyLexer {
  reset: (chunk: string, info: any) => void;
  next: () => NearleyToken | undefined;
  save: () => any;
  formatError: (token: never) => string;
  has: (tokenType: string) => boolean;
};

interface NearleyRule {
  name: string;
  symbols: NearleySymbol[];
  postprocess?: (d: any[], loc?: number, reject?: {}) => any;
};

type NearleySymbol = string | { literal: any } | { test: (token: any) => boolean };

interface Grammar {
  Lexer: NearleyLexer | undefined;
  ParserRules: NearleyRule[];
  ParserStart: string;
};

const grammar: Grammar = {
  Lexer: lexer,
  ParserRules: [
    {"name": "main", "symbols": ["sum"], "postprocess": id},
    {"name": "sum", "symbols": ["sum", (lexer.has("ADD") ? {type: "ADD"} : ADD), "term"], "postprocess": A.binary},
    {"name": "sum", "symbols": ["sum", (lexer.has("SUB") ? {type: "SUB"} : SUB), "term"], "postprocess": A.binary},
    {"name": "sum", "symbols": ["term"], "postprocess": id},
    {"name": "term", "symbols": ["term", (lexer.has("MUL") ? {type: "MUL"} : MUL), "signed"], "postprocess": A.binary},
    {"name": "term", "symbols": ["term", (lexer.has("DIV") ? {type: "DIV"} : DIV), "signed"], "postprocess": A.binary},
    {"name": "term", "symbols": ["signed"], "postprocess": id},
    {"name": "signed", "symbols": ["imp"], "postprocess": id},
    {"name": "signed", "symbols": [(lexer.has("SIGNS") ? {type: "SIGNS"} : SIGNS), "imp"], "postprocess": A.signed},
    {"name": "imp", "symbols": ["closed"], "postprocess": id},
    {"name": "imp", "symbols": ["open"], "postprocess": id},
    {"name": "closed", "symbols": ["Pnp"], "postprocess": id},
    {"name": "closed", "symbols": ["Ppar"], "postprocess": id},
    {"name": "closed", "symbols": ["C"], "postprocess": id},
    {"name": "closed", "symbols": ["appClosed"], "postprocess": id},
    {"name": "closed", "symbols": ["closed", (lexer.has("JUX") ? {type: "JUX"} : JUX), "item"], "postprocess": A.jux},
    {"name": "closed", "symbols": ["open", (lexer.has("JUX") ? {type: "JUX"} : JUX), "fnItem"], "postprocess": A.jux},
    {"name": "open", "symbols": ["appOpen"], "postprocess": id},
    {"name": "open", "symbols": ["closed", (lexer.has("JUX") ? {type: "JUX"} : JUX), "appOpen"], "postprocess": A.jux},
    {"name": "open", "symbols": ["open", (lexer.has("JUX") ? {type: "JUX"} : JUX), "appOpen"], "postprocess": A.jux},
    {"name": "item", "symbols": ["Pnp"], "postprocess": id},
    {"name": "item", "symbols": ["Ppar"], "postprocess": id},
    {"name": "item", "symbols": ["C"], "postprocess": id},
    {"name": "item", "symbols": ["appClosed"], "postprocess": id},
    {"name": "fnItem", "symbols": ["C"], "postprocess": id},
    {"name": "fnItem", "symbols": ["appClosed"], "postprocess": id},
    {"name": "appOpen", "symbols": ["heads", "argseq"], "postprocess": A.app},
    {"name": "appClosed", "symbols": ["heads", "C"], "postprocess": A.app},
    {"name": "heads", "symbols": ["head"], "postprocess": A.list1},
    {"name": "heads", "symbols": ["heads", "head"], "postprocess": A.listPush},
    {"name": "head", "symbols": [(lexer.has("FUNC") ? {type: "FUNC"} : FUNC)], "postprocess": A.head},
    {"name": "head", "symbols": ["headPre"], "postprocess": id},
    {"name": "headPre", "symbols": [(lexer.has("FUNC") ? {type: "FUNC"} : FUNC), (lexer.has("SUP") ? {type: "SUP"} : SUP), (lexer.has("JUX") ? {type: "JUX"} : JUX)], "postprocess": A.headSup},
    {"name": "headPre", "symbols": [(lexer.has("FUNC") ? {type: "FUNC"} : FUNC), (lexer.has("POW") ? {type: "POW"} : POW), "echain", (lexer.has("JUX") ? {type: "JUX"} : JUX)], "postprocess": A.headPow},
    {"name": "argseq", "symbols": ["Pnp"], "postprocess": id},
    {"name": "argseq", "symbols": ["argseq", (lexer.has("JUX") ? {type: "JUX"} : JUX), "Pnp"], "postprocess": A.jux},
    {"name": "argseq", "symbols": ["argseq", (lexer.has("JUX") ? {type: "JUX"} : JUX), "Ppar"], "postprocess": A.jux},
    {"name": "C", "symbols": ["call"], "postprocess": id},
    {"name": "C", "symbols": ["call", (lexer.has("SUP") ? {type: "SUP"} : SUP)], "postprocess": A.callSup},
    {"name": "C", "symbols": ["call", (lexer.has("POW") ? {type: "POW"} : POW), "echain"], "postprocess": A.callPow},
    {"name": "C", "symbols": ["callPre"], "postprocess": id},
    {"name": "call", "symbols": [(lexer.has("FUNC") ? {type: "FUNC"} : FUNC), (lexer.has("LP") ? {type: "LP"} : LP), "args", (lexer.has("RP") ? {type: "RP"} : RP)], "postprocess": A.call},
    {"name": "call", "symbols": [(lexer.has("FUNC") ? {type: "FUNC"} : FUNC), (lexer.has("LP") ? {type: "LP"} : LP), (lexer.has("RP") ? {type: "RP"} : RP)], "postprocess": A.call},
    {"name": "callPre", "symbols": ["headPre", (lexer.has("LP") ? {type: "LP"} : LP), "args", (lexer.has("RP") ? {type: "RP"} : RP)], "postprocess": A.callPre},
    {"name": "callPre", "symbols": ["headPre", (lexer.has("LP") ? {type: "LP"} : LP), (lexer.has("RP") ? {type: "RP"} : RP)], "postprocess": A.callPre},
    {"name": "args", "symbols": ["sum"], "postprocess": A.list1},
    {"name": "args", "symbols": ["args", (lexer.has("COMMA") ? {type: "COMMA"} : COMMA), "sum"], "postprocess": A.listPush},
    {"name": "args", "symbols": ["args", (lexer.has("SEMI") ? {type: "SEMI"} : SEMI), "sum"], "postprocess": A.listPushSemi},
    {"name": "Pnp", "symbols": ["atomPow"], "postprocess": id},
    {"name": "Pnp", "symbols": ["roots", "rooted"], "postprocess": A.sqrt},
    {"name": "atomPow", "symbols": ["atom"], "postprocess": id},
    {"name": "atomPow", "symbols": ["atom", (lexer.has("SUP") ? {type: "SUP"} : SUP)], "postprocess": A.powSup},
    {"name": "atomPow", "symbols": ["atom", (lexer.has("POW") ? {type: "POW"} : POW), "echain"], "postprocess": A.pow},
    {"name": "rooted", "symbols": ["atomPow"], "postprocess": id},
    {"name": "rooted", "symbols": ["Ppar"], "postprocess": id},
    {"name": "rooted", "symbols": ["C"], "postprocess": id},
    {"name": "Ppar", "symbols": ["paren"], "postprocess": id},
    {"name": "Ppar", "symbols": ["paren", (lexer.has("SUP") ? {type: "SUP"} : SUP)], "postprocess": A.powSup},
    {"name": "Ppar", "symbols": ["paren", (lexer.has("POW") ? {type: "POW"} : POW), "echain"], "postprocess": A.pow},
    {"name": "roots", "symbols": [(lexer.has("SQRT") ? {type: "SQRT"} : SQRT)], "postprocess": A.list1},
    {"name": "roots", "symbols": ["roots", (lexer.has("SQRT") ? {type: "SQRT"} : SQRT)], "postprocess": A.listPush},
    {"name": "atom", "symbols": [(lexer.has("NUM") ? {type: "NUM"} : NUM)], "postprocess": A.num},
    {"name": "atom", "symbols": [(lexer.has("VAR") ? {type: "VAR"} : VAR)], "postprocess": A.variable},
    {"name": "atom", "symbols": [(lexer.has("CONST") ? {type: "CONST"} : CONST)], "postprocess": A.constant},
    {"name": "atom", "symbols": [(lexer.has("LB") ? {type: "LB"} : LB), "sum", (lexer.has("RB") ? {type: "RB"} : RB)], "postprocess": A.group},
    {"name": "atom", "symbols": [(lexer.has("LC") ? {type: "LC"} : LC), "sum", (lexer.has("RC") ? {type: "RC"} : RC)], "postprocess": A.group},
    {"name": "atom", "symbols": [(lexer.has("AO") ? {type: "AO"} : AO), "sum", (lexer.has("AC") ? {type: "AC"} : AC)], "postprocess": A.abs},
    {"name": "paren", "symbols": [(lexer.has("LP") ? {type: "LP"} : LP), "sum", (lexer.has("RP") ? {type: "RP"} : RP)], "postprocess": A.group},
    {"name": "echain", "symbols": ["eitem"], "postprocess": A.list1},
    {"name": "echain", "symbols": ["echain", (lexer.has("POW") ? {type: "POW"} : POW), "eitem"], "postprocess": A.listPush},
    {"name": "eitem", "symbols": ["eatom"], "postprocess": A.expItem},
    {"name": "eitem", "symbols": ["eprefixes", "eatom"], "postprocess": A.expItemPrefixed},
    {"name": "eprefixes", "symbols": ["eprefix"], "postprocess": A.list1},
    {"name": "eprefixes", "symbols": ["eprefixes", "eprefix"], "postprocess": A.listPush},
    {"name": "eprefix", "symbols": [(lexer.has("SIGNS") ? {type: "SIGNS"} : SIGNS)], "postprocess": id},
    {"name": "eprefix", "symbols": [(lexer.has("SQRT") ? {type: "SQRT"} : SQRT)], "postprocess": id},
    {"name": "eatom", "symbols": ["eatom1"], "postprocess": id},
    {"name": "eatom", "symbols": ["eatom1", (lexer.has("SUP") ? {type: "SUP"} : SUP)], "postprocess": A.powSup},
    {"name": "eatom1", "symbols": ["atom"], "postprocess": id},
    {"name": "eatom1", "symbols": ["paren"], "postprocess": id},
    {"name": "eatom1", "symbols": ["call"], "postprocess": id},
    {"name": "eatom1", "symbols": ["callPre"], "postprocess": id}
  ],
  ParserStart: "main",
};

export default grammar;
