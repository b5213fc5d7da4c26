package dev.berth.cli.template;

import java.util.List;

/** The parsed template: a list of text, actions and control structures; pipelines of commands of operands. */
sealed interface Node {
    record Text(String text) implements Node {}

    record Action(Pipeline pipe, int line, int col, String source) implements Node {}

    /** if / with / range share a shape; {@code elseList} may itself start with a nested if (else if). */
    record Control(String kind, Pipeline pipe, List<Node> list, List<Node> elseList, int line) implements Node {}

    record Break() implements Node {}

    record Continue() implements Node {}

    record Pipeline(List<String> decl, boolean assign, List<Command> cmds, String source) {}

    record Command(List<Operand> args) {}

    sealed interface Operand {}

    /** .A.B.C on dot. */
    record Field(List<String> names) implements Operand {}

    /** $x.A.B (names may be empty). "$" alone is the root. */
    record Variable(String name, List<String> names) implements Operand {}

    record Dot() implements Operand {}

    record Ident(String name) implements Operand {}

    /** A parenthesised pipeline, possibly followed by fields: (index .X 0).Name */
    record Sub(Pipeline pipe, List<String> names) implements Operand {}

    record Literal(Object value) implements Operand {}
}
