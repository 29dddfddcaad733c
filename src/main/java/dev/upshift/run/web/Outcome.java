package dev.upshift.run.web;

/** What became of an action, in words for the viewer: a notice, or the reason it was refused. */
public record Outcome(String notice, String error) {
}
