package dev.berth.cli.template;

/** A template that does not parse or does not execute; the message follows Go's "template: ..." wording. */
public final class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }
}
