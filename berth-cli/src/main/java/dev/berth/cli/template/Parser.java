package dev.berth.cli.template;

import dev.berth.cli.template.Lexer.Token;
import dev.berth.cli.template.Lexer.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Builds the {@link Node} tree from tokens, checking that functions exist at parse time as Go does. */
final class Parser {
    private final List<Token> tokens;
    private final Set<String> functions;
    private final List<List<String>> scopes = new ArrayList<>();
    private int pos;
    private int rangeDepth;

    private Parser(List<Token> tokens, Set<String> functions) {
        this.tokens = tokens;
        this.functions = functions;
    }

    static List<Node> parse(String src, Set<String> functions) {
        Parser p = new Parser(Lexer.lex(src), functions);
        p.scopes.add(new ArrayList<>(List.of("$")));
        List<Node> list = new ArrayList<>();
        String end = p.list(list);
        if (end != null) throw p.error("unexpected {{" + end + "}}");
        return list;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private TemplateException error(String msg) {
        return new TemplateException("template: :" + peek().line() + ": " + msg);
    }

    /** Parses nodes until EOF (returns null) or a closing keyword: "end", "else" (returned, cursor after it). */
    private String list(List<Node> out) {
        while (true) {
            Token t = next();
            switch (t.type()) {
                case EOF -> {
                    pos--;
                    return null;
                }
                case TEXT -> out.add(new Node.Text(t.text()));
                case LEFT -> {
                    Token k = peek();
                    if (k.type() == Type.IDENT) {
                        switch (k.text()) {
                            case "end" -> {
                                next();
                                expect(Type.RIGHT, "end");
                                return "end";
                            }
                            case "else" -> {
                                next();
                                return "else";
                            }
                            case "if", "with", "range" -> {
                                next();
                                out.add(control(k.text(), k.line()));
                                continue;
                            }
                            case "break", "continue" -> {
                                next();
                                if (rangeDepth == 0) throw error("{{" + k.text() + "}} outside {{range}}");
                                expect(Type.RIGHT, k.text());
                                out.add(k.text().equals("break") ? new Node.Break() : new Node.Continue());
                                continue;
                            }
                            case "define", "template", "block" -> throw error("{{" + k.text() + "}} is not supported");
                            default -> { }
                        }
                    }
                    int start = pos;
                    Token first = peek();
                    // Go places a field chain (.A.B) at its second element
                    if ((first.type() == Type.FIELD || first.type() == Type.VAR) && peek(1).type() == Type.FIELD && !peek(1).spaceBefore()) first = peek(1);
                    Node.Pipeline p = pipeline("command", true);
                    out.add(new Node.Action(p, first.line(), first.col(), source(start)));
                }
                default -> throw error("unexpected " + t.text());
            }
        }
    }

    private String source(int start) {
        StringBuilder sb = new StringBuilder();
        for (int i = start; i < pos - 1; i++) {
            if (i > start && tokens.get(i).spaceBefore()) sb.append(' ');
            sb.append(tokens.get(i).text());
        }
        return sb.toString();
    }

    private void expect(Type type, String context) {
        Token t = next();
        if (t.type() != type) throw error("unexpected \"" + t.text() + "\" in " + context);
    }

    private Node.Control control(String kind, int line) {
        scopes.add(new ArrayList<>());
        if (kind.equals("range")) rangeDepth++;
        Node.Pipeline pipe = pipeline(kind, true);
        List<Node> body = new ArrayList<>();
        String end = list(body);
        if (kind.equals("range")) rangeDepth--;
        List<Node> elseList = null;
        if (end == null) throw error("unexpected EOF");
        if (end.equals("else")) {
            elseList = new ArrayList<>();
            Token k = peek();
            if (k.type() == Type.IDENT && (k.text().equals("if") || k.text().equals("with")) && !kind.equals("range")) {
                // {{else if x}} is {{else}}{{if x}}...{{end}}{{end}} sharing the final end
                next();
                elseList.add(control(k.text(), k.line()));
            } else {
                expect(Type.RIGHT, "else");
                String end2 = list(elseList);
                if (!"end".equals(end2)) throw error("expected end; found " + (end2 == null ? "EOF" : end2));
            }
        }
        scopes.remove(scopes.size() - 1);
        return new Node.Control(kind, pipe, body, elseList, line);
    }

    private Node.Pipeline pipeline(String context, boolean untilRight) {
        int start = pos;
        List<String> decl = new ArrayList<>();
        boolean assign = false;
        // $x := or $x, $y := (range) or $x =
        if (peek().type() == Type.VAR) {
            int save = pos;
            List<String> vars = new ArrayList<>();
            vars.add(next().text());
            if (peek().type() == Type.COMMA && peek(1).type() == Type.VAR) {
                next();
                vars.add(next().text());
            }
            Type t = peek().type();
            if (t == Type.DECLARE || t == Type.ASSIGN) {
                next();
                assign = t == Type.ASSIGN;
                decl = vars;
                if (!assign) scopes.get(scopes.size() - 1).addAll(vars);
                else for (String v : vars) checkVar(v);
            } else {
                pos = save;
            }
        }
        List<Node.Command> cmds = new ArrayList<>();
        while (true) {
            cmds.add(command());
            Token t = next();
            if (t.type() == Type.PIPE) continue;
            if (untilRight && t.type() == Type.RIGHT || !untilRight && t.type() == Type.RPAREN) break;
            throw error("unexpected \"" + t.text() + "\" in " + context);
        }
        StringBuilder src = new StringBuilder();
        for (int i = start; i < pos - 1; i++) {
            if (i > start && tokens.get(i).spaceBefore()) src.append(' ');
            src.append(tokens.get(i).text());
        }
        return new Node.Pipeline(decl, assign, cmds, src.toString());
    }

    private void checkVar(String name) {
        String base = name;
        for (int i = scopes.size() - 1; i >= 0; i--) if (scopes.get(i).contains(base)) return;
        throw error("undefined variable \"" + base + "\"");
    }

    private Node.Command command() {
        List<Node.Operand> args = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.type() == Type.RIGHT || t.type() == Type.PIPE || t.type() == Type.RPAREN) break;
            if (!args.isEmpty() && !t.spaceBefore()) throw error("unexpected \"" + t.text() + "\" in operand");
            args.add(operand());
        }
        if (args.isEmpty()) throw error("missing value for command");
        return new Node.Command(args);
    }

    private List<String> fields() {
        List<String> names = new ArrayList<>();
        while (peek().type() == Type.FIELD && !peek().spaceBefore()) names.add(next().text().substring(1));
        return names;
    }

    private Node.Operand operand() {
        Token t = next();
        switch (t.type()) {
            case FIELD -> {
                List<String> names = new ArrayList<>();
                names.add(t.text().substring(1));
                names.addAll(fields());
                return new Node.Field(names);
            }
            case VAR -> {
                checkVar(t.text());
                return new Node.Variable(t.text(), fields());
            }
            case DOT -> {
                return new Node.Dot();
            }
            case LPAREN -> {
                Node.Pipeline p = pipeline("parenthesized pipeline", false);
                return new Node.Sub(p, fields());
            }
            case STRING -> {
                return new Node.Literal(Strings.unquote(t.text(), t.line()));
            }
            case RAW_STRING -> {
                return new Node.Literal(t.text().substring(1, t.text().length() - 1));
            }
            case CHAR -> {
                String s = Strings.unquote("\"" + t.text().substring(1, t.text().length() - 1) + "\"", t.line());
                return new Node.Literal((long) s.codePointAt(0));
            }
            case NUMBER -> {
                return new Node.Literal(Strings.number(t.text(), t.line()));
            }
            case IDENT -> {
                switch (t.text()) {
                    case "true" -> { return new Node.Literal(Boolean.TRUE); }
                    case "false" -> { return new Node.Literal(Boolean.FALSE); }
                    case "nil" -> { return new Node.Literal(null); }
                    default -> {
                        if (!functions.contains(t.text())) throw error("function \"" + t.text() + "\" not defined");
                        return new Node.Ident(t.text());
                    }
                }
            }
            default -> throw error("unexpected \"" + t.text() + "\" in operand");
        }
    }
}
