package dev.upshift.security;

/** A user change the rules refuse, tied to the field the person should correct. */
public class UserValidationException extends RuntimeException {

    private final String field;

    public UserValidationException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** @return the input field at fault: {@code username}, {@code password}, {@code role} or {@code enabled} */
    public String field() {
        return field;
    }
}
