package example;

/** The function's handler: Lambda calls handleRequest with each event. */
public class Hello {
    public String handleRequest(Object event) {
        return "hello";
    }
}
